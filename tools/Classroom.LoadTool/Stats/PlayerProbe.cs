using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.LoadTool.Stats;

/// <summary>
/// One player's measurements, fed by its client's receive loop (single writer): the join time
/// line, packets per stream with sequence tracking, and forwarding delays from the send stamps
/// into the run's shared histogram. The progress line reads the counters from another thread.
/// </summary>
public sealed class PlayerProbe(int index, RunDelays delays, byte audioPayloadType)
{
    private readonly StreamTrackers _audio = new();
    private readonly StreamTrackers _video = new();
    private long _packets;
    private long _firstKeyframeNanos;
    private volatile bool _finished;

    public int Index { get; } = index;

    /// <summary>When the player started joining (before its offer or watch request).</summary>
    public long JoinStartNanos { get; set; }

    /// <summary>When ICE and DTLS were done (0 if never).</summary>
    public long ConnectedNanos { get; set; }

    public long FirstKeyframeNanos => Interlocked.Read(ref _firstKeyframeNanos);

    public long Packets => Interlocked.Read(ref _packets);

    public string? Failure { get; set; }

    /// <summary>The client's own join steps (offer/answer, ICE, DTLS), set once connected.</summary>
    internal Classroom.MediaRelay.Client.RelayClientTimings Timings { get; set; }

    public long VideoPackets { get; private set; }

    /// <summary>Sequence gaps at this moment (progress line only).</summary>
    public long MissingNow => _audio.MissingNow + _video.MissingNow;

    /// <summary>Receive-loop hook (RelayClient.Observer): decrypted RTP and RTCP.</summary>
    /// <remarks>
    /// The forwarding delay ends when the datagram reached the player's socket (the kernel's
    /// receive time, <paramref name="arrivalNanos"/>) where the receive path knows it, else when
    /// this loop read it; the read time is recorded as well (docs/load-tool.md "Forwarding delay").
    /// </remarks>
    public void OnPacket(PacketKind kind, ReadOnlySpan<byte> packet, long arrivalNanos)
    {
        if (_finished || kind != PacketKind.Rtp || !RtpHeader.TryRead(packet, out var header)) return;
        var now = SendStamp.NowNanos();
        Interlocked.Increment(ref _packets);
        var payload = header.Payload;
        if (SendStamp.TryRead(payload, out var sent))
            delays.Record(((arrivalNanos > 0 ? arrivalNanos : now) - sent) / 1000, (now - sent) / 1000, arrivalNanos > 0);
        if (header.PayloadType == audioPayloadType)
        {
            _audio.Add(header.Ssrc, header.SequenceNumber);
            return;
        }

        VideoPackets++;
        _video.Add(header.Ssrc, header.SequenceNumber);
        if (_firstKeyframeNanos == 0 && Vp8Payload.IsKeyframeStart(payload)) Interlocked.Exchange(ref _firstKeyframeNanos, now);
    }

    /// <summary>
    /// Closes the sequence windows; call after the stream stopped and in-flight packets drained.
    /// Packets arriving later (an external feed that keeps going) are no longer counted, so
    /// received and expected stay consistent.
    /// </summary>
    public LossCount Finish()
    {
        _finished = true;
        return _audio.Finish() + _video.Finish();
    }
}
