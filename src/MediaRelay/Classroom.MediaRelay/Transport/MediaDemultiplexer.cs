using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Every datagram from every socket lands here first: one classification by first byte
/// (RFC 7983 §7), then STUN to the ICE responder (which may learn a new path) and everything else
/// to the session that owns the path. Unknown paths and kinds are dropped and counted.
/// </summary>
internal sealed class MediaDemultiplexer(IceLiteResponder ice, SessionRegistry sessions, RelayCounters counters) : IDatagramSink
{
    public void OnDatagram(Span<byte> datagram, IMediaPath path)
    {
        var kind = PacketClassifier.Classify(datagram);
        if (kind == PacketKind.Stun)
        {
            ice.OnStun(datagram, path);
            return;
        }

        if (kind == PacketKind.Unknown || !sessions.TryGetByPath(path, out var session) || session is null)
        {
            counters.OnDropped();
            return;
        }

        switch (kind)
        {
            case PacketKind.Dtls:
                session.OnDtlsRecord(datagram);
                break;
            case PacketKind.Rtp:
                session.OnSrtp(datagram, isRtcp: false);
                break;
            case PacketKind.Rtcp:
                session.OnSrtp(datagram, isRtcp: true);
                break;
        }
    }

    public void OnPathClosed(IMediaPath path) => sessions.OnPathClosed(path);
}
