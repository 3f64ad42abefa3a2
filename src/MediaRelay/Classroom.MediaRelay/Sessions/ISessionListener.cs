namespace Classroom.MediaRelay.Sessions;

/// <summary>How a session reports upward (to its room and the registry), never the other way round.</summary>
internal interface ISessionListener
{
    /// <summary>ICE selected or switched the session's path.</summary>
    void OnPathSelected(RelaySession session, Transport.IMediaPath? previous, Transport.IMediaPath path);

    /// <summary>DTLS finished: SRTP keys exist, media may flow.</summary>
    void OnConnected(RelaySession session);

    /// <summary>The session was torn down (after its DTLS and ICE state are gone).</summary>
    void OnClosed(RelaySession session, string reason);
}
