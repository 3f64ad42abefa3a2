namespace Classroom.MediaRelay.Sessions;

/// <summary>Where a session is in its life (docs/relay-lifecycle.md).</summary>
public enum SessionState
{
    /// <summary>Answer sent; waiting for the first valid ICE check.</summary>
    WaitingForIce,

    /// <summary>A check succeeded; DTLS handshake running.</summary>
    Handshaking,

    /// <summary>SRTP keys in place; media flows.</summary>
    Connected,

    /// <summary>Torn down; never reused.</summary>
    Closed,
}
