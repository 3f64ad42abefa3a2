namespace Classroom.MediaRelay.Sessions;

/// <summary>Where a session hands decrypted media: its room. Called on a socket thread; must not block.</summary>
internal interface IMediaListener
{
    /// <summary>A decrypted RTP packet from a publisher.</summary>
    void OnRtp(RelaySession from, Span<byte> packet);

    /// <summary>A decrypted (compound) RTCP packet from any session.</summary>
    void OnRtcp(RelaySession from, ReadOnlySpan<byte> packet);

    /// <summary>The session completed DTLS and can send/receive media.</summary>
    void OnMediaReady(RelaySession session);

    /// <summary>The session is gone.</summary>
    void OnMediaClosed(RelaySession session);
}
