using System.Text;
using Classroom.MediaRelay.Protocols.Stun;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Ice;

/// <summary>
/// The ICE-lite side of connectivity checks (RFC 8445 §2.5, §7.3): a lite agent never sends
/// checks, it answers them. A Binding request is matched to its session by the local ufrag in
/// USERNAME, authenticated with that session's password (§7.2.2 short-term credentials), answered
/// with XOR-MAPPED-ADDRESS, and reported to the session (path selection, consent freshness).
/// Anything that fails is dropped and counted: no response tells a prober nothing.
/// </summary>
internal sealed class IceLiteResponder(SessionRegistry sessions, RelayCounters counters)
{
    public void OnStun(ReadOnlySpan<byte> datagram, IMediaPath path)
    {
        if (!StunMessageReader.TryRead(datagram, out var message) ||
            message.Type != StunMessageType.BindingRequest ||
            !message.TryGetUsername(out var username))
        {
            counters.OnDropped();
            return;
        }

        Span<char> chars = stackalloc char[128];
        if (username.Length > chars.Length) { counters.OnDropped(); return; }
        var n = Encoding.UTF8.GetChars(username, chars);
        var colon = chars[..n].IndexOf(':');
        if (colon <= 0 || !sessions.TryGetByUfrag(chars[..colon], out var session) || session is null)
        {
            counters.OnDropped();
            return;
        }

        Span<byte> password = stackalloc byte[64];
        var pwdLength = Encoding.UTF8.GetBytes(session.LocalIce.Pwd, password);
        if (!StunIntegrity.VerifyMessageIntegrity(message, password[..pwdLength]) ||
            (message.HasFingerprint && !StunIntegrity.VerifyFingerprint(message)))
        {
            counters.OnDropped();
            return;
        }

        Span<byte> response = stackalloc byte[256];
        var length = StunBinding.WriteSuccessResponse(response, message.TransactionId, path.RemoteEndPoint, password[..pwdLength]);
        path.Send(response[..length]);
        path.OnAuthenticatedCheck();
        counters.OnStun();
        session.OnValidCheck(path, message.HasUseCandidate);
    }
}
