using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Ingest.Rtmp;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// The authenticated publisher's media as an FLV stream (Adobe FLV 10.1, annex E) to the bridge's
/// ffmpeg, which connects to a loopback port opened for each of its runs. The stream's metadata
/// and codec configurations (AVC decoder configuration, AAC AudioSpecificConfig) are kept, so a
/// restarted ffmpeg gets them first and then video from the next keyframe: the host stays
/// connected while ffmpeg restarts. A write that ffmpeg does not take within 2 s drops its connection.
/// </summary>
internal sealed class FlvPipe : IDisposable
{
    private static readonly byte[] Header = [(byte)'F', (byte)'L', (byte)'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0];
    private static readonly TimeSpan WriteLimit = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpListener? _listener;
    private Socket? _connection;
    private byte[]? _metadata, _videoConfig, _audioConfig;
    private bool _waitKeyframe = true;
    private bool _disposed;

    /// <summary>Media messages handed to ffmpeg.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private long _forwarded;

    /// <summary>Opens a loopback port for the next ffmpeg run (closing any earlier one) and waits for it in the background.</summary>
    public int OpenForRun()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        var previous = Interlocked.Exchange(ref _listener, listener);
        previous?.Stop();
        _ = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        Socket socket;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            socket = await listener.AcceptSocketAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return; // that run never connected (it died or was replaced); the supervisor reports why
        }
        finally
        {
            listener.Stop(); // one connection per run: nothing else on the host may join
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) { socket.Dispose(); return; }
            _connection?.Dispose();
            _connection = socket;
            _waitKeyframe = true;
            if (!await SendAsync(Header).ConfigureAwait(false)) return;
            foreach (var tag in new[] { _metadata, _videoConfig, _audioConfig })
            {
                if (tag is not null && !await SendAsync(tag).ConfigureAwait(false)) return;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forwards one audio, video or data message (others are ignored).</summary>
    public async Task WriteAsync(RtmpMessage message)
    {
        var body = message.Body;
        byte tagType;
        switch (message.Type)
        {
            case RtmpMessageType.Audio or RtmpMessageType.Video when body.Length >= 2:
                tagType = message.Type;
                break;
            case RtmpMessageType.DataAmf0:
                tagType = RtmpMessageType.DataAmf0;
                body = WithoutSetDataFrame(body);
                break;
            default:
                return;
        }

        var tag = Tag(tagType, message.Timestamp, body);
        var isVideo = tagType == RtmpMessageType.Video;
        var isConfig = (isVideo && (body[0] & 0x0F) == 7 && body[1] == 0) || (tagType == RtmpMessageType.Audio && body[0] >> 4 == 10 && body[1] == 0);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (tagType == RtmpMessageType.DataAmf0) _metadata = tag;
            else if (isConfig && isVideo) _videoConfig = tag;
            else if (isConfig) _audioConfig = tag;
            if (_connection is null) return;
            if (isVideo && !isConfig)
            {
                if (_waitKeyframe && body[0] >> 4 != 1) return; // frame type 1: keyframe
                _waitKeyframe = false;
            }

            if (await SendAsync(tag).ConfigureAwait(false)) Interlocked.Increment(ref _forwarded);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends under the gate; on failure or a stalled ffmpeg the connection is dropped until the next run connects.</summary>
    private async Task<bool> SendAsync(byte[] data)
    {
        if (_connection is not { } socket) return false;
        try
        {
            using var timeout = new CancellationTokenSource(WriteLimit);
            var sent = 0;
            while (sent < data.Length) sent += await socket.SendAsync(data.AsMemory(sent), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            _connection = null;
            return false;
        }
    }

    private static byte[] Tag(byte type, uint timestamp, byte[] body)
    {
        var tag = new byte[11 + body.Length + 4];
        tag[0] = type;
        tag[1] = (byte)(body.Length >> 16);
        tag[2] = (byte)(body.Length >> 8);
        tag[3] = (byte)body.Length;
        tag[4] = (byte)(timestamp >> 16);
        tag[5] = (byte)(timestamp >> 8);
        tag[6] = (byte)timestamp;
        tag[7] = (byte)(timestamp >> 24); // TimestampExtended
        body.CopyTo(tag, 11);
        var size = 11 + body.Length;
        tag[^4] = (byte)(size >> 24);
        tag[^3] = (byte)(size >> 16);
        tag[^2] = (byte)(size >> 8);
        tag[^1] = (byte)size;
        return tag;
    }

    /// <summary>RTMP carries metadata as "@setDataFrame", "onMetaData", {…}; FLV stores "onMetaData", {…}.</summary>
    private static byte[] WithoutSetDataFrame(byte[] body)
    {
        ReadOnlySpan<byte> prefix = [0x02, 0x00, 0x0D, .. "@setDataFrame"u8];
        return body.AsSpan().StartsWith(prefix) ? body[prefix.Length..] : body;
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            Interlocked.Exchange(ref _listener, null)?.Stop();
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
