using System.Security.Cryptography;

namespace Classroom.LoadTool.Stream;

/// <summary>
/// A studio stream without an encoder: on each <see cref="Pump"/> it produces every audio and video
/// frame that is due since the start, each payload stamped with its send time
/// (<see cref="SendStamp"/>). Keyframes open every GOP and follow a keyframe request (PLI/FIR)
/// at the next frame, as a real encoder would. Audio goes out at once; video packets go through a
/// pacer like WebRTC's (<see cref="StreamShape.PacingFactor"/> × the bitrate, an interval
/// budget: credit for the time since the last pump, unused credit not carried over), or — pacing
/// off — each frame as one burst.
/// </summary>
public sealed class SyntheticStream
{
    /// <summary>At most this many frames of a kind per pump: a stalled pacer catches up over several pumps, not in one burst.</summary>
    private const int MaxFramesPerPump = 10;

    /// <summary>Frames waiting for the pacer; a pacer this far behind flushes the oldest frame as a burst.</summary>
    private const int MaxQueuedFrames = 64;

    /// <summary>Longest interval one pump is credited for (WebRTC's interval budget window, 500 ms).</summary>
    private const long MaxIntervalNanos = 500_000_000;

    private readonly StreamShape _shape;
    private readonly byte _audioPt;
    private readonly byte _videoPt;
    private readonly byte[] _payload;
    private readonly uint _audioTsBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private readonly uint _videoTsBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private readonly PendingFrame[] _queue = new PendingFrame[MaxQueuedFrames];
    private readonly double _pacingBytesPerNano;
    private int _queueHead;
    private int _queueCount;
    private double _budgetBytes;
    private long _lastPumpNanos = -1;
    private long _startNanos = -1;
    private long _audioFrames;
    private long _videoFrames;
    private long _framesSinceKey;
    private ushort _audioSeq = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue);
    private ushort _videoSeq = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue);
    private int _keyRequested;
    private long _sent;

    public SyntheticStream(StreamShape shape, byte audioPayloadType, byte videoPayloadType, uint audioSsrc, uint videoSsrc)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = shape;
        _audioPt = audioPayloadType;
        _videoPt = videoPayloadType;
        AudioSsrc = audioSsrc;
        VideoSsrc = videoSsrc;
        _payload = new byte[Math.Max(shape.MaxPayloadBytes, shape.AudioPayloadBytes)];
        _payload.AsSpan().Fill(0xA5);
        _pacingBytesPerNano = shape.PacingBytesPerSecond / 1e9;
    }

    public uint AudioSsrc { get; }

    public uint VideoSsrc { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Keyframes { get; private set; }

    /// <summary>Keyframes sent because of a request rather than the GOP.</summary>
    public long RequestedKeyframes { get; private set; }

    /// <summary>Video packets produced but not yet sent by the pacer.</summary>
    public int QueuedVideoPackets
    {
        get
        {
            var n = 0;
            for (var i = 0; i < _queueCount; i++)
            {
                ref var f = ref _queue[(_queueHead + i) % MaxQueuedFrames];
                n += f.Packets - f.Next;
            }

            return n;
        }
    }

    /// <summary>Asks for a keyframe at the next video frame (thread-safe).</summary>
    public void RequestKeyframe() => Interlocked.Exchange(ref _keyRequested, 1);

    /// <summary>Sends what is due at <paramref name="nowNanos"/>; single caller (the pacer).</summary>
    public void Pump(long nowNanos, IRtpSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_startNanos < 0) _startNanos = nowNanos;
        var elapsed = nowNanos - _startNanos;
        for (var i = 0; i < MaxFramesPerPump && _audioFrames * StreamShape.AudioFrameMillis * 1_000_000L <= elapsed; i++)
            SendAudio(sink);
        for (var i = 0; i < MaxFramesPerPump && _videoFrames * 1_000_000_000L / _shape.Fps <= elapsed; i++)
            QueueVideoFrame(sink);
        SendPaced(nowNanos, sink);
    }

    private void SendAudio(IRtpSink sink)
    {
        var payload = _payload.AsSpan(0, _shape.AudioPayloadBytes);
        payload[0] = 0xFC; // Opus TOC (RFC 6716 §3.1): CELT fullband 20 ms, one frame.
        var timestamp = _audioTsBase + (uint)(_audioFrames * 48_000 / 1000 * StreamShape.AudioFrameMillis);
        SendStamp.Write(payload, SendStamp.NowNanos());
        if (sink.Send(_audioPt, _audioSeq++, timestamp, AudioSsrc, false, payload)) Interlocked.Increment(ref _sent);
        _audioFrames++;
    }

    private void QueueVideoFrame(IRtpSink sink)
    {
        var requested = Interlocked.Exchange(ref _keyRequested, 0) == 1;
        var keyframe = _framesSinceKey == 0 || _framesSinceKey >= _shape.FramesPerGop || requested;
        if (keyframe)
        {
            Keyframes++;
            if (requested && _framesSinceKey != 0 && _framesSinceKey < _shape.FramesPerGop) RequestedKeyframes++;
            _framesSinceKey = 0;
        }

        var frameBytes = keyframe ? _shape.KeyframeBytes : _shape.DeltaFrameBytes;
        var packets = Math.Max(1, (frameBytes + _shape.MaxPayloadBytes - 1) / _shape.MaxPayloadBytes);
        var frame = new PendingFrame
        {
            Timestamp = _videoTsBase + (uint)(_videoFrames * 90_000 / _shape.Fps),
            Keyframe = keyframe,
            Packets = packets,
            Size = Math.Max(StreamShape.MinimumPayload, frameBytes / packets),
        };
        _framesSinceKey++;
        _videoFrames++;

        if (_pacingBytesPerNano <= 0)
        {
            // Pacing off: the whole frame now, as one burst.
            while (frame.Next < frame.Packets) SendVideoPacket(ref frame, sink);
            return;
        }

        if (_queueCount == MaxQueuedFrames)
        {
            // The pacer is a whole queue behind (a stalled process): flush the oldest frame.
            ref var oldest = ref _queue[_queueHead];
            while (oldest.Next < oldest.Packets) SendVideoPacket(ref oldest, sink);
            _queueHead = (_queueHead + 1) % MaxQueuedFrames;
            _queueCount--;
        }

        _queue[(_queueHead + _queueCount) % MaxQueuedFrames] = frame;
        _queueCount++;
    }

    /// <summary>
    /// Sends queued video packets while the budget lasts, as WebRTC's interval budget: each pump is
    /// credited the pacing rate × the time since the previous pump (unused credit does not carry
    /// over, so an idle pacer never bursts; a debt does, so the rate holds on average) and each
    /// packet spends its payload size; the last packet may overdraw, which the next pump repays.
    /// </summary>
    private void SendPaced(long nowNanos, IRtpSink sink)
    {
        if (_pacingBytesPerNano <= 0) return;
        var since = _lastPumpNanos < 0 ? 5_000_000 : Math.Clamp(nowNanos - _lastPumpNanos, 0, MaxIntervalNanos);
        _lastPumpNanos = nowNanos;
        var credit = since * _pacingBytesPerNano;
        _budgetBytes = _budgetBytes < 0 ? Math.Min(_budgetBytes + credit, credit) : credit;
        while (_queueCount > 0 && _budgetBytes > 0)
        {
            ref var frame = ref _queue[_queueHead];
            _budgetBytes -= frame.Size;
            SendVideoPacket(ref frame, sink);
            if (frame.Next < frame.Packets) continue;
            _queueHead = (_queueHead + 1) % MaxQueuedFrames;
            _queueCount--;
        }

    }

    private void SendVideoPacket(ref PendingFrame frame, IRtpSink sink)
    {
        var p = frame.Next++;
        var payload = _payload.AsSpan(0, frame.Size);
        Vp8Payload.WriteHeader(payload, p == 0, frame.Keyframe, 640, 360);
        SendStamp.Write(payload, SendStamp.NowNanos());
        if (sink.Send(_videoPt, _videoSeq++, frame.Timestamp, VideoSsrc, p == frame.Packets - 1, payload)) Interlocked.Increment(ref _sent);
    }

    private struct PendingFrame
    {
        public uint Timestamp;
        public bool Keyframe;
        public int Packets;
        public int Size;
        public int Next;
    }
}
