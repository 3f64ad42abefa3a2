namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// What the relay can forward without transcoding: the codecs, RTCP feedback and header
/// extensions its forwarding, NACK/PLI and bandwidth-estimation code understands. Everything
/// else in an offer is dropped from the answer (JSEP §5.3.1: the answer is a subset of the offer).
/// </summary>
public static class RelayMediaPolicy
{
    /// <summary>urn:ietf:params:rtp-hdrext:sdes:mid (RFC 8843 §15.1): BUNDLE demultiplexing.</summary>
    public const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>abs-send-time, for REMB-style estimation.</summary>
    public const string AbsSendTimeUri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /// <summary>Transport-wide sequence number, for transport-cc feedback.</summary>
    public const string TransportWideCcUri = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /// <summary>RtpStreamId (RFC 8852): which simulcast layer a packet belongs to.</summary>
    public const string RtpStreamIdUri = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

    /// <summary>RepairedRtpStreamId (RFC 8852): which layer an RTX packet repairs.</summary>
    public const string RepairedRtpStreamIdUri = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /// <summary>H.264 profile-level-ids accepted: constrained baseline 3.1 (42e01f) and baseline 3.1 (42001f).</summary>
    public static readonly IReadOnlyList<string> H264ProfileLevelIds = ["42e01f", "42001f"];

    /// <summary>Header extensions kept in answers.</summary>
    public static readonly IReadOnlySet<string> HeaderExtensions = new HashSet<string>(StringComparer.Ordinal)
    {
        MidUri, AbsSendTimeUri, TransportWideCcUri, RtpStreamIdUri, RepairedRtpStreamIdUri,
    };

    /// <summary>RTCP feedback kept for video codecs (RFC 4585, RFC 5104, REMB, transport-cc).</summary>
    public static readonly IReadOnlySet<string> VideoFeedback = new HashSet<string>(StringComparer.Ordinal)
    {
        "nack", "nack pli", "ccm fir", "goog-remb", "transport-cc",
    };

    /// <summary>RTCP feedback kept for audio.</summary>
    public static readonly IReadOnlySet<string> AudioFeedback = new HashSet<string>(StringComparer.Ordinal) { "transport-cc" };

    /// <summary>True for a primary codec the relay forwards in this kind of section.</summary>
    public static bool IsSupportedPrimary(string kind, SdpCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        string name = codec.EncodingName;
        if (kind == "audio")
        {
            return name.Equals("opus", StringComparison.OrdinalIgnoreCase) && codec.ClockRate == 48000 && codec.Channels == 2;
        }

        if (kind != "video" || codec.ClockRate != 90000)
        {
            return false;
        }

        if (name.Equals("VP8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Equals("H264", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6184 §8.1: packetization-mode 1 (FU-A/STAP-A) is what browsers send; mode 0 is
            // single-NAL only and would need a different packetizer path.
            SdpFmtp fmtp = codec.Fmtp;
            string? profile = fmtp.Get("profile-level-id");
            return fmtp.Get("packetization-mode") == "1"
                && profile is not null
                && H264ProfileLevelIds.Contains(profile, StringComparer.OrdinalIgnoreCase);
        }

        return false;
    }

    /// <summary>True for a codec that only repairs or wraps another (not worth naming in a rejection).</summary>
    public static bool IsRepairCodec(string encodingName) =>
        encodingName.Equals("rtx", StringComparison.OrdinalIgnoreCase)
        || encodingName.Equals("red", StringComparison.OrdinalIgnoreCase)
        || encodingName.Equals("ulpfec", StringComparison.OrdinalIgnoreCase)
        || encodingName.StartsWith("flexfec", StringComparison.OrdinalIgnoreCase);
}
