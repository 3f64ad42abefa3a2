using System.Globalization;
using System.Text;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Serialises a <see cref="SessionDescription"/> with CRLF line endings (RFC 8866 §5), in the
/// attribute order Chromium emits (JSEP §5.2.1), so diffs against browser SDP stay readable.
/// </summary>
public static class SdpWriter
{
    /// <summary>Writes the whole description.</summary>
    public static string Write(SessionDescription session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sdp = new StringBuilder(2048);
        Line(sdp, "v=0");
        SdpOrigin o = session.Origin;
        Line(sdp, $"o={o.Username} {o.SessionId} {o.SessionVersion} {o.NetworkType} {o.AddressType} {o.Address}");
        Line(sdp, $"s={session.SessionName}");
        Line(sdp, $"t={session.Timing}");
        if (session.IceLite)
        {
            Line(sdp, "a=ice-lite");
        }

        foreach (SdpGroup group in session.Groups)
        {
            Line(sdp, group.Mids.Count == 0 ? $"a=group:{group.Semantics}" : $"a=group:{group.Semantics} {string.Join(' ', group.Mids)}");
        }

        if (session.ExtmapAllowMixed)
        {
            Line(sdp, "a=extmap-allow-mixed");
        }

        if (session.MsidSemantic is not null)
        {
            Line(sdp, $"a=msid-semantic:{session.MsidSemantic}");
        }

        WriteIceAndDtls(sdp, session.IceUfrag, session.IcePwd, session.IceOptions, session.Fingerprint, session.Setup);
        WriteOther(sdp, session.OtherAttributes);
        foreach (MediaDescription media in session.Media)
        {
            WriteMedia(sdp, media);
        }

        return sdp.ToString();
    }

    private static void WriteMedia(StringBuilder sdp, MediaDescription media)
    {
        Line(sdp, $"m={media.Kind} {media.Port.ToString(CultureInfo.InvariantCulture)} {media.Protocol} {string.Join(' ', media.Formats)}");
        if (media.Connection is not null)
        {
            Line(sdp, $"c={media.Connection}");
        }

        if (media.Rtcp is not null)
        {
            Line(sdp, $"a=rtcp:{media.Rtcp}");
        }

        if (media.BundleOnly)
        {
            Line(sdp, "a=bundle-only");
        }

        WriteIceAndDtls(sdp, media.IceUfrag, media.IcePwd, media.IceOptions, media.Fingerprint, media.Setup);
        if (media.Mid is not null)
        {
            Line(sdp, $"a=mid:{media.Mid}");
        }

        foreach (SdpExtmap extmap in media.Extmaps)
        {
            string id = extmap.Direction is null ? extmap.Id.ToString(CultureInfo.InvariantCulture) : $"{extmap.Id.ToString(CultureInfo.InvariantCulture)}/{extmap.Direction}";
            Line(sdp, extmap.Attributes is null ? $"a=extmap:{id} {extmap.Uri}" : $"a=extmap:{id} {extmap.Uri} {extmap.Attributes}");
        }

        if (media.SctpPort is null)
        {
            Line(sdp, $"a={media.Direction.ToToken()}");
        }

        if (media.Msid is not null)
        {
            Line(sdp, $"a=msid:{media.Msid}");
        }

        if (media.RtcpMux)
        {
            Line(sdp, "a=rtcp-mux");
        }

        if (media.RtcpMuxOnly)
        {
            Line(sdp, "a=rtcp-mux-only");
        }

        if (media.RtcpRsize)
        {
            Line(sdp, "a=rtcp-rsize");
        }

        foreach (SdpRtpMap map in media.RtpMaps)
        {
            string pt = map.PayloadType.ToString(CultureInfo.InvariantCulture);
            string channels = map.Channels is int c ? $"/{c.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            Line(sdp, $"a=rtpmap:{pt} {map.EncodingName}/{map.ClockRate.ToString(CultureInfo.InvariantCulture)}{channels}");
            foreach (SdpRtcpFeedback feedback in media.RtcpFeedback.Where(f => f.PayloadType == map.PayloadType))
            {
                Line(sdp, $"a=rtcp-fb:{pt} {feedback.Text}");
            }

            foreach (SdpFmtp fmtp in media.Fmtps.Where(f => f.PayloadType == map.PayloadType))
            {
                Line(sdp, $"a=fmtp:{pt} {fmtp.Parameters}");
            }
        }

        foreach (SdpRtcpFeedback feedback in media.RtcpFeedback.Where(f => f.PayloadType == -1))
        {
            Line(sdp, $"a=rtcp-fb:* {feedback.Text}");
        }

        foreach (SdpRid rid in media.Rids)
        {
            Line(sdp, rid.Restrictions is null ? $"a=rid:{rid.Id} {rid.Direction}" : $"a=rid:{rid.Id} {rid.Direction} {rid.Restrictions}");
        }

        if (media.Simulcast is { } simulcast)
        {
            string send = simulcast.Send is null ? string.Empty : $"send {simulcast.Send}";
            string recv = simulcast.Recv is null ? string.Empty : $"recv {simulcast.Recv}";
            Line(sdp, $"a=simulcast:{$"{send} {recv}".Trim()}");
        }

        foreach (SdpSsrcGroup group in media.SsrcGroups)
        {
            Line(sdp, $"a=ssrc-group:{group.Semantics} {string.Join(' ', group.Ssrcs.Select(s => s.ToString(CultureInfo.InvariantCulture)))}");
        }

        foreach (SdpSsrc ssrc in media.Ssrcs)
        {
            string value = ssrc.Value is null ? string.Empty : $":{ssrc.Value}";
            Line(sdp, $"a=ssrc:{ssrc.Ssrc.ToString(CultureInfo.InvariantCulture)} {ssrc.Attribute}{value}");
        }

        if (media.SctpPort is not null)
        {
            Line(sdp, $"a=sctp-port:{media.SctpPort}");
        }

        WriteOther(sdp, media.OtherAttributes);
        foreach (string candidate in media.Candidates)
        {
            Line(sdp, $"a=candidate:{candidate}");
        }

        if (media.EndOfCandidates)
        {
            Line(sdp, "a=end-of-candidates");
        }
    }

    private static void WriteIceAndDtls(StringBuilder sdp, string? ufrag, string? pwd, string? options, SdpFingerprint? fingerprint, SdpSetupRole? setup)
    {
        if (ufrag is not null)
        {
            Line(sdp, $"a=ice-ufrag:{ufrag}");
        }

        if (pwd is not null)
        {
            Line(sdp, $"a=ice-pwd:{pwd}");
        }

        if (options is not null)
        {
            Line(sdp, $"a=ice-options:{options}");
        }

        if (fingerprint is not null)
        {
            Line(sdp, $"a=fingerprint:{fingerprint.Algorithm} {fingerprint.Value}");
        }

        if (setup is SdpSetupRole role)
        {
            Line(sdp, $"a=setup:{role.ToToken()}");
        }
    }

    private static void WriteOther(StringBuilder sdp, List<SdpAttribute> attributes)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            Line(sdp, attribute.Value is null ? $"a={attribute.Name}" : $"a={attribute.Name}:{attribute.Value}");
        }
    }

    private static void Line(StringBuilder sdp, string line) => sdp.Append(line).Append("\r\n");
}
