using System.Globalization;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Builds the relay's answer to a browser offer (RFC 8829 §5.3.1): per m= section, keep only
/// what <see cref="RelayMediaPolicy"/> supports, reverse the direction, answer simulcast send
/// with simulcast recv (RFC 8853 §5.3), and reject anything unusable with port 0 and a reason
/// (§5.3.1: "the m= line MUST be rejected" rather than failing the whole session). The relay is
/// ICE-lite (RFC 8445 §2.5) and DTLS server (setup:passive, RFC 8842 §5.3).
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
        var rejections = new List<string>();
        SdpGroup? offeredBundle = offer.BundleGroup;
        var accepted = new List<string>();
        string? remoteUfrag = null;
        string? remotePwd = null;
        SdpFingerprint? remoteFingerprint = null;

        for (int index = 0; index < offer.Media.Count; index++)
        {
            MediaDescription offered = offer.Media[index];
            string? reason = CheckTransport(offer, offered, offeredBundle, accepted.Count);
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
                rejections.Add($"m={index.ToString(CultureInfo.InvariantCulture)} {offered.Kind}: {reason}");
                answer.Media.Add(Rejected(offered));
                continue;
            }

            remoteUfrag ??= offered.IceUfrag ?? offer.IceUfrag;
            remotePwd ??= offered.IcePwd ?? offer.IcePwd;
            remoteFingerprint ??= offered.Fingerprint ?? offer.Fingerprint;
            answer.Media.Add(Accepted(offered, codecs!, relay));
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

        return new SdpAnswerResult(answer, rejections, remoteUfrag, remotePwd, remoteFingerprint);
    }

    private static string? CheckTransport(SessionDescription offer, MediaDescription media, SdpGroup? bundle, int acceptedSoFar)
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

        if (bundle is null ? acceptedSoFar > 0 : !bundle.Mids.Contains(media.Mid))
        {
            return "not in the BUNDLE group (the relay uses one transport per peer)";
        }

        if ((media.IceUfrag ?? offer.IceUfrag) is null || (media.IcePwd ?? offer.IcePwd) is null)
        {
            return "no a=ice-ufrag/a=ice-pwd";
        }

        SdpFingerprint? fingerprint = media.Fingerprint ?? offer.Fingerprint;
        if (fingerprint is null || fingerprint.Algorithm != "sha-256")
        {
            return "no a=fingerprint:sha-256";
        }

        if ((media.Setup ?? offer.Setup) is SdpSetupRole.Passive or SdpSetupRole.HoldConn)
        {
            return "a=setup must be actpass or active (the relay is the DTLS server)";
        }

        return media.RtcpMux ? null : "no a=rtcp-mux (the relay multiplexes RTP and RTCP)";
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

    private static MediaDescription Rejected(MediaDescription offered)
    {
        // RFC 8829 §5.3.1: port 0, same media and protocol, at least one format; keep the mid so
        // the offerer can match the section (RFC 8843 §7.3.3).
        var media = new MediaDescription { Kind = offered.Kind, Port = 0, Protocol = offered.Protocol, Mid = offered.Mid, Direction = SdpDirection.Inactive };
        media.Formats.Add(offered.Formats.Count > 0 ? offered.Formats[0] : "0");
        return media;
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
}
