using System.Security.Cryptography;

namespace Classroom.LoadTool.Stream;

/// <summary>
/// A studio stream without an encoder: on each <see cref="Pump"/> it sends every audio and video
/// frame that is due since the start, each payload stamped with its send time
/// (<see cref="SendStamp"/>). Keyframes open every GOP and follow a keyframe request (PLI/FIR)
/// at the next frame, as a real encoder would.
/// </summary>
public sealed class SyntheticStream
{
    /// <summary>At most this many frames of a kind per pump: a stalled pacer catches up over several pumps, not in one burst.</summary>
    private const int MaxFramesPerPump = 10;

    private readonly StreamShape _shape;
    private readonly byte _audioPt;
    private readonly byte _videoPt;
    private readonly byte[] _payload;
    private readonly uint _audioTsBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private readonly uint _videoTsBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
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
    }

    public uint AudioSsrc { get; }

    public uint VideoSsrc { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Keyframes { get; private set; }

    /// <summary>Keyframes sent because of a request rather than the GOP.</summary>
    public long RequestedKeyframes { get; private set; }

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
            SendVideoFrame(sink);
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

    private void SendVideoFrame(IRtpSink sink)
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
        var size = Math.Max(StreamShape.MinimumPayload, frameBytes / packets);
        var timestamp = _videoTsBase + (uint)(_videoFrames * 90_000 / _shape.Fps);
        for (var p = 0; p < packets; p++)
        {
            var payload = _payload.AsSpan(0, size);
            Vp8Payload.WriteHeader(payload, p == 0, keyframe, 640, 360);
            SendStamp.Write(payload, SendStamp.NowNanos());
            if (sink.Send(_videoPt, _videoSeq++, timestamp, VideoSsrc, p == packets - 1, payload)) Interlocked.Increment(ref _sent);
        }

        _framesSinceKey++;
        _videoFrames++;
    }
}
