namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// The answer plus what the endpoint needs from the offer: every rejected section with a reason
/// a human can act on, and the remote ICE credentials and DTLS fingerprint to verify against.
/// </summary>
public sealed class SdpAnswerResult
{
    internal SdpAnswerResult(SessionDescription answer, IReadOnlyList<SdpRejection> rejected, string? remoteUfrag, string? remotePwd, SdpFingerprint? remoteFingerprint)
    {
        Answer = answer;
        RejectedSections = rejected;
        Rejections = rejected.Select(r => r.ToString()).ToArray();
        RemoteIceUfrag = remoteUfrag;
        RemoteIcePwd = remotePwd;
        RemoteFingerprint = remoteFingerprint;
    }

    /// <summary>The answer; write it with <see cref="SdpWriter"/>.</summary>
    public SessionDescription Answer { get; }

    /// <summary>Every rejected m= section: its index, kind, mid and reason.</summary>
    public IReadOnlyList<SdpRejection> RejectedSections { get; }

    /// <summary>One line per rejected m= section, e.g. "m=1 video: no supported codec (offered AV1)".</summary>
    public IReadOnlyList<string> Rejections { get; }

    /// <summary>True when at least one section was accepted.</summary>
    public bool HasAcceptedMedia => Answer.Media.Any(m => !m.IsRejected);

    /// <summary>The offerer's ICE ufrag (of the first accepted section, or the BUNDLE transport it shares).</summary>
    public string? RemoteIceUfrag { get; }

    /// <summary>The offerer's ICE password.</summary>
    public string? RemoteIcePwd { get; }

    /// <summary>The offerer's certificate fingerprint, to check after the DTLS handshake.</summary>
    public SdpFingerprint? RemoteFingerprint { get; }
}
