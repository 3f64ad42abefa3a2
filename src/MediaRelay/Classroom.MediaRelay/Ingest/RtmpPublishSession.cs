using System.Buffers.Binary;
using System.Security.Cryptography;
using Classroom.MediaRelay.Ingest.Rtmp;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// The server side of an RTMP publish up to the stream key (RTMP 1.0 §5.2 handshake, §7.2.1.1
/// connect, §7.2.1.3 createStream, §7.2.2.6 publish): enough for OBS, ffmpeg and hardware hosts
/// to name the key in <c>rtmp://host/live/{key}</c>, nothing more. ffmpeg's own listener only warns
/// about a stream name it did not expect (measured on 5.1: "Unexpected stream X, expecting Y", and
/// it takes the media anyway), so the key is checked here before any media is read.
/// </summary>
internal sealed class RtmpPublishSession(Stream stream)
{
    private const int HandshakeSize = 1536;
    private const uint Window = 2_500_000;

    public RtmpChunkReader Reader { get; } = new(stream);

    public RtmpChunkWriter Writer { get; } = new(stream);

    /// <summary>The message stream the publisher was given (createStream).</summary>
    public uint StreamId { get; } = 1;

    /// <summary>Acknowledgement window the publisher asked for (0: none).</summary>
    public uint PeerWindow { get; private set; }

    /// <summary>
    /// Runs the handshake and commands until "publish"; returns the stream key named (the stream
    /// name without a "?query", or the last part of the app name when the stream name is empty), or null when the peer left first.
    /// </summary>
    public async Task<string?> ReadPublishAsync(CancellationToken ct)
    {
        var c0c1 = new byte[1 + HandshakeSize];
        if (await stream.ReadAtLeastAsync(c0c1, c0c1.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false) < c0c1.Length) return null;
        if (c0c1[0] != 3) throw new InvalidDataException($"RTMP version {c0c1[0]} is not 3");
        var s0s1s2 = new byte[1 + 2 * HandshakeSize];
        s0s1s2[0] = 3;
        RandomNumberGenerator.Fill(s0s1s2.AsSpan(9, HandshakeSize - 8)); // S1: time 0, zero (no digest scheme), random
        c0c1.AsSpan(1).CopyTo(s0s1s2.AsSpan(1 + HandshakeSize)); // S2 echoes C1
        await stream.WriteAsync(s0s1s2, ct).ConfigureAwait(false);
        await stream.ReadExactlyAsync(new byte[HandshakeSize], ct).ConfigureAwait(false); // C2

        string app = string.Empty;
        while (await Reader.ReadAsync(ct).ConfigureAwait(false) is { } message)
        {
            if (message.Type == RtmpMessageType.WindowAckSize && message.Body.Length >= 4) PeerWindow = BinaryPrimitives.ReadUInt32BigEndian(message.Body);
            if (message.Type != RtmpMessageType.CommandAmf0 || !Amf0.TryReadAll(message.Body, out var values) || values.Count < 2
                || values[0] is not string name || values[1] is not double transaction) continue;
            switch (name)
            {
                case "connect":
                    if (values.Count > 2 && values[2] is Dictionary<string, object?> properties && properties.GetValueOrDefault("app") is string a) app = a;
                    await Writer.WriteControlAsync(RtmpMessageType.WindowAckSize, Window, ct).ConfigureAwait(false);
                    await Writer.WriteControlAsync(RtmpMessageType.SetPeerBandwidth, Window, ct, extra: 2).ConfigureAwait(false);
                    await Writer.SetChunkSizeAsync(ct).ConfigureAwait(false);
                    await Writer.WriteCommandAsync(0, Amf0.Write("_result", transaction,
                        new Dictionary<string, object?> { ["fmsVer"] = "FMS/3,0,1,123", ["capabilities"] = 31.0 },
                        new Dictionary<string, object?> { ["level"] = "status", ["code"] = "NetConnection.Connect.Success", ["description"] = "Connection succeeded.", ["objectEncoding"] = 0.0 }), ct).ConfigureAwait(false);
                    break;
                case "createStream":
                    await Writer.WriteCommandAsync(0, Amf0.Write("_result", transaction, null, (double)StreamId), ct).ConfigureAwait(false);
                    break;
                case "publish":
                    var streamName = values.Count > 3 ? values[3] as string ?? string.Empty : string.Empty;
                    var query = streamName.IndexOf('?', StringComparison.Ordinal);
                    if (query >= 0) streamName = streamName[..query];
                    return streamName.Length > 0 ? streamName : app[(app.LastIndexOf('/') + 1)..];
                default:
                    break; // releaseStream, FCPublish, …: publishers do not wait for an answer
            }
        }

        return null;
    }

    /// <summary>onStatus to the publisher (RTMP §7.2.2): "NetStream.Publish.Start", or an error code before closing.</summary>
    public Task StatusAsync(bool error, string code, string description, CancellationToken ct) =>
        Writer.WriteCommandAsync(StreamId, Amf0.Write("onStatus", 0.0, null,
            new Dictionary<string, object?> { ["level"] = error ? "error" : "status", ["code"] = code, ["description"] = description }), ct);
}
