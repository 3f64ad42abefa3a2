using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.MediaRelay.Media;

/// <summary>
/// A session's two SRTP contexts (RFC 5764 §4.2 keys from the DTLS exporter). The contexts are
/// not thread-safe; a session may be fed by the UDP loop and an ICE-TCP loop around a path switch,
/// and sent to by any publisher's loop, so each direction takes its own short uncontended lock.
/// </summary>
internal sealed class SrtpPair : IDisposable
{
    private readonly SrtpContext _inbound;
    private readonly SrtpContext _outbound;
    private readonly Lock _inGate = new();
    private readonly Lock _outGate = new();

    private SrtpPair(SrtpContext inbound, SrtpContext outbound)
    {
        _inbound = inbound;
        _outbound = outbound;
    }

    public static SrtpPair Create(DtlsOutcome outcome, bool isServer)
    {
        var keys = SrtpKeys.FromDtlsExport(outcome.KeyingMaterial, outcome.Profile, isServer);
        return new SrtpPair(keys.CreateInboundContext(), keys.CreateOutboundContext());
    }

    public bool TryUnprotectRtp(Span<byte> packet, out int length)
    {
        lock (_inGate) return _inbound.UnprotectRtp(packet, out length) == SrtpStatus.Ok;
    }

    public bool TryUnprotectRtcp(Span<byte> packet, out int length)
    {
        lock (_inGate) return _inbound.UnprotectRtcp(packet, out length) == SrtpStatus.Ok;
    }

    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        lock (_outGate) return _outbound.ProtectRtp(buffer, length, out protectedLength) == SrtpStatus.Ok;
    }

    public bool TryProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        lock (_outGate) return _outbound.ProtectRtcp(buffer, length, out protectedLength) == SrtpStatus.Ok;
    }

    public void Dispose()
    {
        _inbound.Dispose();
        _outbound.Dispose();
    }
}
