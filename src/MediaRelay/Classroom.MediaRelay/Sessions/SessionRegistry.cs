using System.Collections.Concurrent;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// Finds sessions three ways: by resource id (HTTP), by local ICE ufrag (first STUN check on the
/// shared port, RFC 8445 §7.3: USERNAME is "localUfrag:remoteUfrag"), and by remote path once ICE
/// selected one (DTLS and SRTP carry no session id).
/// </summary>
internal sealed class SessionRegistry : ISessionListener
{
    private readonly ConcurrentDictionary<string, RelaySession> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RelaySession> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IMediaPath, RelaySession> _byPath = new(ReferenceEqualityComparer.Instance);
    private readonly Action<IMediaPath> _forgetPath;
    private readonly MediaRelayLog _log;
    private readonly SessionQuota? _quota;

    public SessionRegistry(Action<IMediaPath> forgetPath, MediaRelayLog log, SessionQuota? quota = null)
    {
        _forgetPath = forgetPath;
        _log = log;
        _quota = quota;
    }

    public int Count => _byId.Count;

    public IEnumerable<RelaySession> All => _byId.Values;

    public void Add(RelaySession session)
    {
        _byId[session.Id] = session;
        _byUfrag[session.LocalIce.Ufrag] = session;
    }

    public bool TryGet(string id, out RelaySession? session) => _byId.TryGetValue(id, out session);

    public bool TryGetByUfrag(ReadOnlySpan<char> ufrag, out RelaySession? session) =>
        _byUfrag.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(ufrag, out session);

    public bool TryGetByPath(IMediaPath path, out RelaySession? session) => _byPath.TryGetValue(path, out session);

    /// <summary>ICE restart: the old ufrag stops matching, the new one starts.</summary>
    public void ReplaceUfrag(string oldUfrag, RelaySession session)
    {
        _byUfrag.TryRemove(new KeyValuePair<string, RelaySession>(oldUfrag, session));
        _byUfrag[session.LocalIce.Ufrag] = session;
    }

    public void OnPathSelected(RelaySession session, IMediaPath? previous, IMediaPath path)
    {
        if (previous is not null) _byPath.TryRemove(new KeyValuePair<IMediaPath, RelaySession>(previous, session));
        _byPath[path] = session;
        _log.PathSelected(session.Id, path.Remote);
    }

    public void OnConnected(RelaySession session) => _log.SessionConnected(session.Id, session.Role.ToString(), session.LessonId);

    public void OnPathClosed(IMediaPath path)
    {
        if (_byPath.TryGetValue(path, out var session)) session.Close("ice-tcp connection closed");
    }

    public void OnClosed(RelaySession session, string reason)
    {
        _byUfrag.TryRemove(new KeyValuePair<string, RelaySession>(session.LocalIce.Ufrag, session));
        if (session.Path is { } path && _byPath.TryRemove(new KeyValuePair<IMediaPath, RelaySession>(path, session)))
            _forgetPath(path);
        _byId.TryRemove(new KeyValuePair<string, RelaySession>(session.Id, session));
        _quota?.Release(session.Subject, session.ClientAddress); // Close runs this once per session
        _log.SessionClosed(session.Id, reason);
    }
}
