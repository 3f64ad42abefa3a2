using System.Globalization;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Builds the relay's answer to a browser offer (RFC 8829 §5.3.1): per m= section, keep only
/// what <see cref="RelayMediaPolicy"/> supports, reverse the direction, answer simulcast send
/// with simulcast recv (RFC 8853 §5.3), and reject anything unusable with port 0 and a reason
/// (§5.3.1: "the m= line MUST be rejected" rather than failing the whole session). The relay is
/// ICE-lite (RFC 8445 §2.5) and DTLS server (setup:passive, RFC 8842 §5.3).
/// <para>
/// BUNDLE (RFC 8843): a section offered with port 0 and a=bundle-only (webrtcbin, Firefox with
/// max-bundle) is a bundled section, not a rejected one (§6, §7.2.1); a bundled section without
/// its own ICE, DTLS or rtcp-mux attributes uses those of the offerer-tagged section, the first
/// mid of the group (§7.2.1, and RFC 8859: TRANSPORT and IDENTICAL attributes describe the one
/// shared transport). Every answer section, rejected ones too, carries mid, ICE credentials,
/// fingerprint and setup, none at session level (docs/protocols.md says why).
/// </para>
/// </summary>
public static class SdpAnswerer
{
    /// <summary>Answers <paramref name="offer"/>.</summary>
    public static SdpAnswerResult CreateAnswer(SessionDescription offer, RelayCapabilities relay)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(relay);
        var answer = new SessionDescription
        {
            Origin = SdpOrigin.Create(relay.SessionId),
            IceLite = true,
            ExtmapAllowMixed = offer.ExtmapAllowMixed,
        };
        var rejections = new List<SdpRejection>();
        SdpGroup? offeredBundle = offer.BundleGroup;
        MediaDescription? tagged = OffererTagged(offer, offeredBundle);
        var accepted = new List<string>();
        OfferedTransport? remote = null;

        for (int index = 0; index < offer.Media.Count; index++)
        {
            MediaDescription offered = offer.Media[index];
            bool bundled = offeredBundle is not null && offered.Mid is not null && offeredBundle.Mids.Contains(offered.Mid);
            OfferedTransport transport = OfferedTransport.Of(offer, offered, bundled ? tagged : null);
            string? reason = CheckTransport(offered, transport, offeredBundle, bundled, accepted.Count);
            List<SdpCodec>? codecs = null;
            if (reason is null)
            {
                codecs = SelectCodecs(offered);
                if (codecs.Count == 0)
                {
                    string[] names = offered.Codecs.Select(c => c.EncodingName).Where(n => !RelayMediaPolicy.IsRepairCodec(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                    reason = names.Length == 0 ? "no supported codec (none offered)" : $"no supported codec (offered {string.Join(", ", names)})";
                }
            }

            if (reason is not null)
            {
                rejections.Add(new SdpRejection(index, offered.Kind, offered.Mid, reason));
                answer.Media.Add(RejectSection(offered, relay));
                continue;
            }

            remote ??= transport;
            MediaDescription section = Accepted(offered, codecs!, relay);
            // RFC 8843 §9.3.2 (and RFC 9725 §4.5.1 for every bundled section): an offer that insists
            // on rtcp-mux-only gets it echoed.
            section.RtcpMuxOnly = transport.RtcpMuxOnly;
            answer.Media.Add(section);
            accepted.Add(offered.Mid!);
        }

        if (accepted.Count > 0 && offeredBundle is not null)
        {
            answer.Groups.Add(new SdpGroup("BUNDLE", offeredBundle.Mids.Where(accepted.Contains).ToArray()));
        }

        if (answer.Media.Any(m => m.Msid is not null))
        {
            answer.MsidSemantic = " WMS";
        }

        return new SdpAnswerResult(answer, rejections, remote?.Ufrag, remote?.Pwd, remote?.Fingerprint);
    }

    /// <summary>
    /// The answer's form of a rejected section (RFC 8829 §5.3.1): port 0, same media and protocol,
    /// one format, inactive, the mid kept so the offerer can match it (RFC 8843 §7.3.3). It also
    /// carries the relay's ICE credentials, fingerprint and setup: strict parsers (GStreamer's
    /// webrtcbin) check those in every section, rejected ones included, and refuse the whole answer
    /// otherwise.
    /// </summary>
    public static MediaDescription RejectSection(MediaDescription offered, RelayCapabilities relay)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(relay);
        var media = new MediaDescription
        {
            Kind = offered.Kind,
            Port = 0,
            Protocol = offered.Protocol,
            Mid = offered.Mid,
            Direction = SdpDirection.Inactive,
            IceUfrag = relay.IceUfrag,
            IcePwd = relay.IcePwd,
            Fingerprint = new SdpFingerprint("sha-256", relay.FingerprintSha256),
            Setup = SdpSetupRole.Passive,
        };
        media.Formats.Add(offered.Formats.Count > 0 ? offered.Formats[0] : "0");
        return media;
    }

    /// <summary>The offerer-tagged section: the one the group's first mid names (RFC 8843 §7.2.1).</summary>
    private static MediaDescription? OffererTagged(SessionDescription offer, SdpGroup? bundle) =>
        bundle is null ? null : bundle.Mids.Select(mid => offer.Media.FirstOrDefault(m => m.Mid == mid)).FirstOrDefault(m => m is not null);

    private static string? CheckTransport(MediaDescription media, OfferedTransport transport, SdpGroup? bundle, bool bundled, int acceptedSoFar)
    {
        if (media.Kind == "application")
        {
            return "data channels are not supported";
        }

        if (media.Kind is not ("audio" or "video"))
        {
            return $"media kind '{media.Kind}' is not supported";
        }

        if (media.IsRejected)
        {
            return "rejected by the offerer (port 0)";
        }

        if (!media.Protocol.Equals("UDP/TLS/RTP/SAVPF", StringComparison.Ordinal))
        {
            return $"protocol {media.Protocol} is not UDP/TLS/RTP/SAVPF";
        }

        if (string.IsNullOrEmpty(media.Mid))
        {
            return "no a=mid";
        }

        if (media.BundleOnly && !bundled)
        {
            return "a=bundle-only section outside the BUNDLE group";
        }

        if (bundle is null ? acceptedSoFar > 0 : !bundled)
        {
            return "not in the BUNDLE group (the relay uses one transport per peer)";
        }

        if (transport.Ufrag is null || transport.Pwd is null)
        {
            return "no a=ice-ufrag/a=ice-pwd";
        }

        if (transport.Fingerprint is null || transport.Fingerprint.Algorithm != "sha-256")
        {
            return "no a=fingerprint:sha-256";
        }

        if (transport.Setup is SdpSetupRole.Passive or SdpSetupRole.HoldConn)
        {
            return "a=setup must be actpass or active (the relay is the DTLS server)";
        }

        return transport.RtcpMux ? null : "no a=rtcp-mux (the relay multiplexes RTP and RTCP)";
    }

    private static List<SdpCodec> SelectCodecs(MediaDescription offered)
    {
        IReadOnlyList<SdpCodec> codecs = offered.Codecs;
        var primaries = new HashSet<int>(codecs.Where(c => RelayMediaPolicy.IsSupportedPrimary(offered.Kind, c)).Select(c => c.PayloadType));
        var selected = new List<SdpCodec>();
        foreach (SdpCodec codec in codecs)
        {
            bool keep = primaries.Contains(codec.PayloadType)
                || (codec.EncodingName.Equals("rtx", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(codec.Fmtp.Get("apt"), NumberStyles.None, CultureInfo.InvariantCulture, out int apt)
                    && primaries.Contains(apt));
            if (keep)
            {
                selected.Add(codec);
            }
        }

        return selected;
    }

    private static MediaDescription Accepted(MediaDescription offered, List<SdpCodec> codecs, RelayCapabilities relay)
    {
        SdpSendStream? send = relay.SendStreamFor?.Invoke(offered);
        var media = new MediaDescription
        {
            Kind = offered.Kind,
            Port = 9,
            Protocol = offered.Protocol,
            Mid = offered.Mid,
            Direction = offered.Direction.Reverse(send is not null),
            IceUfrag = relay.IceUfrag,
            IcePwd = relay.IcePwd,
            Fingerprint = new SdpFingerprint("sha-256", relay.FingerprintSha256),
            Setup = SdpSetupRole.Passive,
            RtcpMux = true,
            RtcpRsize = offered.RtcpRsize,
            EndOfCandidates = true,
        };
        media.Candidates.AddRange(relay.Candidates);
        media.Extmaps.AddRange(offered.Extmaps.Where(e => RelayMediaPolicy.HeaderExtensions.Contains(e.Uri)).Select(e => e with { Direction = null }));
        IReadOnlySet<string> feedback = offered.Kind == "video" ? RelayMediaPolicy.VideoFeedback : RelayMediaPolicy.AudioFeedback;
        foreach (SdpCodec codec in codecs)
        {
            media.Formats.Add(codec.PayloadType.ToString(CultureInfo.InvariantCulture));
            media.RtpMaps.Add(new SdpRtpMap(codec.PayloadType, codec.EncodingName, codec.ClockRate, codec.Channels));
            if (codec.Parameters is not null)
            {
                media.Fmtps.Add(new SdpFmtp(codec.PayloadType, codec.Parameters));
            }

            foreach (SdpRtcpFeedback fb in codec.Feedback.Where(f => feedback.Contains(f.Text)).DistinctBy(f => f.Text))
            {
                media.RtcpFeedback.Add(fb with { PayloadType = codec.PayloadType });
            }
        }

        bool receives = media.Direction is SdpDirection.RecvOnly or SdpDirection.SendRecv;
        if (receives && offered.Simulcast?.Send is string layers && offered.Rids.Count > 0)
        {
            media.Rids.AddRange(offered.Rids.Where(r => r.Direction == "send").Select(r => new SdpRid(r.Id, "recv", null)));
            media.Simulcast = new SdpSimulcast(null, layers);
        }

        bool sends = media.Direction is SdpDirection.SendOnly or SdpDirection.SendRecv;
        if (sends && send is not null)
        {
            AnnounceStream(media, send, codecs);
        }

        return media;
    }

    private static void AnnounceStream(MediaDescription media, SdpSendStream send, List<SdpCodec> codecs)
    {
        media.Msid = $"{send.StreamId} {send.TrackId}";
        bool rtx = send.RtxSsrc is not null && codecs.Any(c => c.EncodingName.Equals("rtx", StringComparison.OrdinalIgnoreCase));
        if (rtx)
        {
            media.SsrcGroups.Add(new SdpSsrcGroup("FID", [send.Ssrc, send.RtxSsrc!.Value]));
        }

        foreach (uint ssrc in rtx ? [send.Ssrc, send.RtxSsrc!.Value] : new[] { send.Ssrc })
        {
            media.Ssrcs.Add(new SdpSsrc(ssrc, "cname", send.Cname));
            media.Ssrcs.Add(new SdpSsrc(ssrc, "msid", media.Msid));
        }
    }

    /// <summary>
    /// The transport a section is offered on: its own ICE/DTLS/rtcp-mux attributes, else the
    /// offerer-tagged section's when it is bundled, else the session level's.
    /// </summary>
    private sealed record OfferedTransport(string? Ufrag, string? Pwd, SdpFingerprint? Fingerprint, SdpSetupRole? Setup, bool RtcpMux, bool RtcpMuxOnly)
    {
        public static OfferedTransport Of(SessionDescription offer, MediaDescription media, MediaDescription? tagged) => new(
            media.IceUfrag ?? tagged?.IceUfrag ?? offer.IceUfrag,
            media.IcePwd ?? tagged?.IcePwd ?? offer.IcePwd,
            media.Fingerprint ?? tagged?.Fingerprint ?? offer.Fingerprint,
            media.Setup ?? tagged?.Setup ?? offer.Setup,
            media.RtcpMux || media.RtcpMuxOnly || (tagged is not null && (tagged.RtcpMux || tagged.RtcpMuxOnly)),
            media.RtcpMuxOnly || (tagged?.RtcpMuxOnly ?? false));
    }
}
