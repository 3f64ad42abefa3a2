using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// A producer's source that is not a WebRTC peer: plain RTP arriving on a loopback UDP port (the
/// RTMP/SRT bridge's ffmpeg, an origin relay on the same host, tests). Its tracks are fixed when
/// it is made (payload types and codecs the sender uses); packets of other payload types are
/// counted and dropped. Plain RTP has no way back here, so the producer's RTCP (receiver reports,
/// NACK, PLI) goes nowhere: the sender's encoder sets its own keyframe interval. Only loopback
/// is bound, so nothing off the host can inject media.
/// </summary>
internal sealed class PlainRtpSource : IProducerSource, IDisposable
{
    private readonly Socket _socket;
    private readonly NegotiatedTrack[] _tracks;
    private readonly Thread _thread;
    private Producer? _producer;
    private long _dropped;
    private int _started;
    private volatile bool _stopping;

    public PlainRtpSource(IReadOnlyList<NegotiatedTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        _tracks = [.. tracks];
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveBufferSize = 1024 * 1024;
        _thread = new Thread(Receive) { IsBackground = true, Name = "relay-plain-rtp-in" };
    }

    /// <summary>Where the sender sends its RTP (127.0.0.1 and a free port).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public IReadOnlyList<NegotiatedTrack> Tracks => _tracks;

    /// <summary>Datagrams that were not RTP of a known payload type, or larger than a ring slot.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool CanReceiveRtcp => false;

    /// <summary>
    /// Starts receiving into <paramref name="producer"/> (the router has attached this source to
    /// it); called again, it feeds another producer from then on (the bridge moving to the studio's next lesson).
    /// </summary>
    public void Start(Producer producer)
    {
        _producer = producer;
        if (Interlocked.Exchange(ref _started, 1) == 0) _thread.Start();
    }

    public NegotiatedTrack? TrackOf(int payloadType, uint ssrc)
    {
        foreach (var track in _tracks)
        {
            if (track.HasPayloadType(payloadType)) return track;
        }

        return null;
    }

    public void SendRtcp(Span<byte> buffer, int length)
    {
        // Plain RTP input: no RTCP path back to the sender.
    }

    public void OnDropped() => Interlocked.Increment(ref _dropped);

    private void Receive()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(2048, pinned: true);
        while (!_stopping)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (_stopping) return;
                continue;
            }

            var packet = buffer.AsSpan(0, n);
            if (n < 12 || (packet[0] >> 6) != 2 || packet[1] is >= 192 and <= 223) { OnDropped(); continue; } // not RTP (RFC 7983 / RTCP range)
            if (TrackOf(packet[1] & 0x7F, 0) is null) { OnDropped(); continue; }
            _producer?.OnRtp(this, packet);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(2));
    }
}
