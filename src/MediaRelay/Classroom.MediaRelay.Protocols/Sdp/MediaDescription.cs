namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// One m= section (RFC 8866 §5.14) with the attributes of RFC 8829 §5.2.1/§5.3.1: mid, direction,
/// ICE and DTLS parameters, rtcp-mux, extmaps, codecs (rtpmap/fmtp/rtcp-fb), SSRCs and groups,
/// msid, rid + simulcast, and candidates.
/// </summary>
public sealed class MediaDescription
{
    /// <summary>audio, video or application.</summary>
    public string Kind { get; set; } = "audio";

    /// <summary>Port; 0 marks a rejected section, 9 the JSEP placeholder.</summary>
    public int Port { get; set; } = 9;

    /// <summary>Transport protocol, "UDP/TLS/RTP/SAVPF" for WebRTC media.</summary>
    public string Protocol { get; set; } = "UDP/TLS/RTP/SAVPF";

    /// <summary>Format list (payload types, or "webrtc-datachannel").</summary>
    public List<string> Formats { get; } = [];

    /// <summary>c= line value.</summary>
    public string? Connection { get; set; } = "IN IP4 0.0.0.0";

    /// <summary>a=mid.</summary>
    public string? Mid { get; set; }

    /// <summary>Direction attribute (sendrecv when absent).</summary>
    public SdpDirection Direction { get; set; } = SdpDirection.SendRecv;

    /// <summary>a=ice-ufrag.</summary>
    public string? IceUfrag { get; set; }

    /// <summary>a=ice-pwd.</summary>
    public string? IcePwd { get; set; }

    /// <summary>a=ice-options.</summary>
    public string? IceOptions { get; set; }

    /// <summary>a=fingerprint.</summary>
    public SdpFingerprint? Fingerprint { get; set; }

    /// <summary>a=setup.</summary>
    public SdpSetupRole? Setup { get; set; }

    /// <summary>a=rtcp-mux (RFC 5761).</summary>
    public bool RtcpMux { get; set; }

    /// <summary>
    /// a=rtcp-mux-only (RFC 8858 §3): the offerer will not fall back to a separate RTCP port. The
    /// relay always multiplexes, so it counts as a=rtcp-mux; the answer echoes it (RFC 8843 §9.3.2).
    /// </summary>
    public bool RtcpMuxOnly { get; set; }

    /// <summary>
    /// a=bundle-only (RFC 8843 §6): offered with port 0, the section is to be used only inside the
    /// BUNDLE group; the port 0 then means "bundled", not "disabled" (§7.2.1).
    /// </summary>
    public bool BundleOnly { get; set; }

    /// <summary>a=rtcp-rsize (RFC 5506).</summary>
    public bool RtcpRsize { get; set; }

    /// <summary>a=rtcp value, kept verbatim.</summary>
    public string? Rtcp { get; set; }

    /// <summary>a=extmap lines.</summary>
    public List<SdpExtmap> Extmaps { get; } = [];

    /// <summary>a=rtpmap lines.</summary>
    public List<SdpRtpMap> RtpMaps { get; } = [];

    /// <summary>a=fmtp lines.</summary>
    public List<SdpFmtp> Fmtps { get; } = [];

    /// <summary>a=rtcp-fb lines.</summary>
    public List<SdpRtcpFeedback> RtcpFeedback { get; } = [];

    /// <summary>a=ssrc lines.</summary>
    public List<SdpSsrc> Ssrcs { get; } = [];

    /// <summary>a=ssrc-group lines.</summary>
    public List<SdpSsrcGroup> SsrcGroups { get; } = [];

    /// <summary>a=msid value ("stream-id track-id", RFC 8830).</summary>
    public string? Msid { get; set; }

    /// <summary>a=rid lines.</summary>
    public List<SdpRid> Rids { get; } = [];

    /// <summary>a=simulcast.</summary>
    public SdpSimulcast? Simulcast { get; set; }

    /// <summary>a=candidate values (everything after "candidate:").</summary>
    public List<string> Candidates { get; } = [];

    /// <summary>a=end-of-candidates.</summary>
    public bool EndOfCandidates { get; set; }

    /// <summary>a=sctp-port (data channels; parsed so the section can be named in a rejection).</summary>
    public string? SctpPort { get; set; }

    /// <summary>Media-level attributes not modelled above.</summary>
    public List<SdpAttribute> OtherAttributes { get; } = [];

    /// <summary>
    /// True when the port is 0 without a=bundle-only (rejected or disabled, RFC 8829 §5.2.2); port 0
    /// with a=bundle-only is an offered section that shares the BUNDLE transport (RFC 8843 §6).
    /// </summary>
    public bool IsRejected => Port == 0 && !BundleOnly;

    /// <summary>Codecs in format-list order, each with its fmtp and feedback (including "*" feedback).</summary>
    public IReadOnlyList<SdpCodec> Codecs
    {
        get
        {
            var codecs = new List<SdpCodec>();
            foreach (string format in Formats)
            {
                if (!int.TryParse(format, out int pt))
                {
                    continue;
                }

                SdpRtpMap? map = RtpMaps.FirstOrDefault(m => m.PayloadType == pt);
                if (map is null)
                {
                    continue;
                }

                string? parameters = Fmtps.FirstOrDefault(f => f.PayloadType == pt)?.Parameters;
                SdpRtcpFeedback[] feedback = RtcpFeedback.Where(f => f.PayloadType == pt || f.PayloadType == -1).ToArray();
                codecs.Add(new SdpCodec(pt, map.EncodingName, map.ClockRate, map.Channels, parameters, feedback));
            }

            return codecs;
        }
    }
}
