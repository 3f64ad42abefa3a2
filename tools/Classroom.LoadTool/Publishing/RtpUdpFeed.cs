using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Protocols.Rtp;

namespace Classroom.LoadTool.Publishing;

/// <summary>
/// The same synthetic stream as plain RTP over UDP into a Janus streaming mountpoint (one port per
/// medium, as ffmpeg's rtp muxer feeds it). Janus rewrites SSRC/sequence/timestamp for each viewer
/// but forwards the payload, send stamp included.
/// </summary>
public sealed class RtpUdpFeed : IRtpSink, IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _audio;
    private readonly IPEndPoint _video;
    private readonly byte _audioPt;
    private readonly byte[] _buffer = new byte[1500];

    private RtpUdpFeed(IPEndPoint audio, IPEndPoint video, byte audioPt)
    {
        _audio = audio;
        _video = video;
        _audioPt = audioPt;
    }

    public static PacedPublisher Create(IPEndPoint audio, IPEndPoint video, byte audioPt, byte videoPt, StreamShape shape)
    {
        var feed = new RtpUdpFeed(audio, video, audioPt);
        var ssrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        return new PacedPublisher(new SyntheticStream(shape, audioPt, videoPt, ssrc, ssrc + 1), feed, null, feed);
    }

    public bool Send(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, ReadOnlySpan<byte> payload)
    {
        var length = new RtpWriter(_buffer, payloadType, sequence, timestamp, ssrc, marker).Complete(payload);
        try
        {
            _socket.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, payloadType == _audioPt ? _audio : _video);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
