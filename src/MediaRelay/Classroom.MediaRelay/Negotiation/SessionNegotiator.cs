using System.Security.Cryptography;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// Offer → answer for one WHIP/WHEP peer. Parsing and the JSEP answer (ICE-lite, DTLS passive,
/// BUNDLE, rejections with reasons) come from Protocols.Sdp; this adds the relay's forwarding
/// policy: the direction must fit the role, one track per kind (except a publisher's video: the
/// studio's camera and screen are two video sections, issue 10), a publisher sends exactly one
/// codec per track, and only NACK (RFC 4585 §6.2.1, answered from the retransmission cache) and PLI/FIR
/// feedback. Header extensions and repair streams only where the relay uses them
/// (docs/simulcast.md): a publisher's simulcast video keeps mid / rid / repaired-rid so layers
/// can be told apart, and never rtx (it then retransmits on the media SSRC); a player's video
/// keeps rtx (the relay answers NACKs on its own RTX SSRC), abs-send-time and goog-remb (its
/// receive-side estimate drives the layer choice). Everything else is dropped: the relay
/// rewrites the extension block per player, so nothing it does not write may be announced.
/// </summary>
public static class SessionNegotiator
{
    private static readonly HashSet<string> KeptFeedback = new(StringComparer.Ordinal) { "nack", "nack pli", "ccm fir" };
    private static readonly HashSet<string> PlayerVideoFeedback = new(StringComparer.Ordinal) { "nack", "nack pli", "ccm fir", "goog-remb" };

    private static readonly HashSet<string> PublisherSimulcastExtensions = new(StringComparer.Ordinal)
    {
        RelayMediaPolicy.MidUri, RelayMediaPolicy.RtpStreamIdUri, RelayMediaPolicy.RepairedRtpStreamIdUri,
    };

    private static readonly HashSet<string> PlayerVideoExtensions = new(StringComparer.Ordinal) { RelayMediaPolicy.AbsSendTimeUri };

    /// <summary>Sections of one kind a publisher may send: one audio; two video (camera, then courseware).</summary>
    public static int PublisherSections(string kind) => kind == "video" ? 2 : 1;

    /// <summary>Sections of one kind a player may receive (the teacher's wall of 30 rooms, and the studio and stage).</summary>
    public const int PlayerSections = 40;

    public static bool TryNegotiate(string offerSdp, SessionRole role, Func<string, CodecKey?> roomCodec, IceCredentials local,
        string fingerprint, IReadOnlyList<IceCandidate> candidates, out NegotiationResult? result, out string? error) =>
        TryNegotiate(offerSdp, role, roomCodec, local, fingerprint, candidates, labels: null, out result, out error, out _);

    /// <summary>As below, without section labels.</summary>
    public static bool TryNegotiate(string offerSdp, SessionRole role, Func<string, CodecKey?> roomCodec, IceCredentials local,
        string fingerprint, IReadOnlyList<IceCandidate> candidates, out NegotiationResult? result, out string? error,
        out IReadOnlyList<SdpRejection> rejected) =>
        TryNegotiate(offerSdp, role, roomCodec, local, fingerprint, candidates, labels: null, out result, out error, out rejected);

    /// <summary>
    /// As above. <paramref name="labels"/> names each accepted player section (mid → msid
    /// "stream track") from the tracks, so the page knows which producer a section shows;
    /// <paramref name="rejected"/> lists every section the answer rejects (by the SDP answerer or
    /// by the relay's policy), also when the whole offer is refused, so the caller can log each
    /// with its reason. Empty when the offer did not parse.
    /// </summary>
    public static bool TryNegotiate(string offerSdp, SessionRole role, Func<string, CodecKey?> roomCodec, IceCredentials local,
        string fingerprint, IReadOnlyList<IceCandidate> candidates, Func<IReadOnlyList<NegotiatedTrack>, IReadOnlyDictionary<string, string>>? labels,
        out NegotiationResult? result, out string? error, out IReadOnlyList<SdpRejection> rejected)
    {
        ArgumentNullException.ThrowIfNull(roomCodec);
        result = null;
        rejected = [];
        var parsed = SdpParser.Parse(offerSdp);
        if (!parsed.Success) { error = parsed.Error; return false; }

        var streams = new Dictionary<string, SdpSendStream>(StringComparer.Ordinal);
        var relay = new RelayCapabilities
        {
            IceUfrag = local.Ufrag,
            IcePwd = local.Pwd,
            FingerprintSha256 = fingerprint,
            Candidates = candidates.Select(c => c.Value).ToArray(),
            SessionId = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            SendStreamFor = role == SessionRole.Player ? m => streams[m.Mid!] = NewStream(m.Kind) : null,
        };
        var answered = SdpAnswerer.CreateAnswer(parsed.Description, relay);

        var answer = answered.Answer;
        var tracks = new List<NegotiatedTrack>();
        var reasons = new List<SdpRejection>(answered.RejectedSections);
        for (var i = 0; i < answer.Media.Count; i++)
        {
            var media = answer.Media[i];
            if (media.IsRejected) continue;
            var stream = streams.GetValueOrDefault(media.Mid!);
            var track = Restrict(media, parsed.Description.Media[i], role, roomCodec, tracks, stream, out var reason);
            if (track is null)
            {
                reasons.Add(new SdpRejection(i, media.Kind, media.Mid, reason!));
                answer.Media[i] = SdpAnswerer.RejectSection(media, relay);
                continue;
            }

            tracks.Add(track);
        }

        reasons.Sort((a, b) => a.Index.CompareTo(b.Index));
        rejected = reasons;
        if (tracks.Count == 0 || answered.RemoteIceUfrag is null || answered.RemoteIcePwd is null || answered.RemoteFingerprint is null)
        {
            error = "no m-line the relay can use: " + (reasons.Count > 0 ? string.Join("; ", reasons) : "the offer has no m= section");
            return false;
        }

        if (role == SessionRole.Player && labels is not null)
        {
            var names = labels(tracks);
            foreach (var media in answer.Media)
            {
                if (media.IsRejected || media.Mid is null || !names.TryGetValue(media.Mid, out var msid)) continue;
                media.Msid = msid;
                for (var s = 0; s < media.Ssrcs.Count; s++)
                {
                    if (media.Ssrcs[s].Attribute == "msid") media.Ssrcs[s] = media.Ssrcs[s] with { Value = msid };
                }
            }
        }

        answer.Groups.RemoveAll(g => g.Semantics == "BUNDLE");
        answer.Groups.Add(new SdpGroup("BUNDLE", tracks.Select(t => t.Mid).ToArray()));
        result = new NegotiationResult(tracks, SdpWriter.Write(answer),
            new IceCredentials(answered.RemoteIceUfrag, answered.RemoteIcePwd), answered.RemoteFingerprint.Value)
        {
            Rejections = reasons,
        };
        error = null;
        return true;
    }

    /// <summary>
    /// Narrows an accepted answer section to the relay's policy and describes it as a track;
    /// null (with <paramref name="reason"/>) when the section cannot be used.
    /// </summary>
    private static NegotiatedTrack? Restrict(MediaDescription media, MediaDescription offered, SessionRole role, Func<string, CodecKey?> roomCodec,
        List<NegotiatedTrack> accepted, SdpSendStream? stream, out string? reason)
    {
        var all = media.Codecs;
        var codecs = all.Where(CodecPolicy.IsPrimary).ToList();
        var direction = role == SessionRole.Publisher ? SdpDirection.RecvOnly : SdpDirection.SendOnly;
        var fits = role == SessionRole.Publisher
            ? media.Direction is SdpDirection.RecvOnly or SdpDirection.SendRecv
            : media.Direction is SdpDirection.SendOnly or SdpDirection.SendRecv;
        reason = null;
        if (!fits) reason = role == SessionRole.Publisher ? "WHIP needs a section the browser sends on" : "WHEP needs a section the browser receives on";
        else if (accepted.Count(t => t.Kind == media.Kind) >= (role == SessionRole.Publisher ? PublisherSections(media.Kind) : PlayerSections))
            reason = role == SessionRole.Publisher
                ? $"a publisher sends at most {PublisherSections(media.Kind)} {media.Kind} section(s)"
                : $"a player receives at most {PlayerSections} {media.Kind} sections";
        if (reason is not null) return null;

        if (role == SessionRole.Publisher)
        {
            var chosen = CodecPolicy.Choose(media.Kind, codecs, roomCodec(media.Kind));
            codecs = chosen is null ? [] : [chosen];
        }

        if (codecs.Count == 0)
        {
            reason = "no codec the relay forwards";
            return null;
        }

        var isVideo = media.Kind == "video";
        var player = role == SessionRole.Player;
        var primaryTypes = codecs.Select(c => c.PayloadType).ToHashSet();
        List<SdpCodec> rtx = player && isVideo ? all.Where(c => IsRtx(c) && primaryTypes.Contains(NegotiatedTrack.AssociatedPayloadType(c))).ToList() : [];
        var keep = primaryTypes.Concat(rtx.Select(c => c.PayloadType)).ToHashSet();
        var feedback = player && isVideo ? PlayerVideoFeedback : KeptFeedback;
        media.Direction = direction;
        media.Formats.RemoveAll(f => !int.TryParse(f, out var pt) || !keep.Contains(pt));
        media.RtpMaps.RemoveAll(m => !keep.Contains(m.PayloadType));
        media.Fmtps.RemoveAll(f => !keep.Contains(f.PayloadType));
        media.RtcpFeedback.RemoveAll(f => !primaryTypes.Contains(f.PayloadType) || !feedback.Contains(f.Text));

        // Simulcast on the publisher's first video section (the camera) only; courseware is one stream.
        var videoOrdinal = isVideo ? accepted.Count(t => t.Kind == "video") : 0;
        var simulcast = !player && isVideo && videoOrdinal == 0 ? SimulcastLayers(media, offered) : null;
        var extensions = simulcast is not null ? PublisherSimulcastExtensions : player && isVideo ? PlayerVideoExtensions : null;
        media.Extmaps.RemoveAll(e => extensions is null || !extensions.Contains(e.Uri));
        if (simulcast is null)
        {
            media.Rids.Clear();
            media.Simulcast = null;
        }
        else
        {
            // RFC 8853 §5.3: the answer's recv list names the same layers, pauses included.
            var (rids, paused) = simulcast.Value;
            StartBitrate(media, codecs[0].PayloadType);
            media.Rids.RemoveAll(r => !rids.Contains(r.Id));
            media.Simulcast = new SdpSimulcast(null, string.Join(';', rids.Select(r => paused.Contains(r) ? "~" + r : r)));
        }

        var rtxSsrc = rtx.Count > 0 && stream?.RtxSsrc is { } allocated ? allocated : 0u;
        if (rtxSsrc == 0)
        {
            // The answerer announces an RTX SSRC whenever the offer had rtx; without rtx kept it must go.
            media.SsrcGroups.Clear();
            if (stream?.RtxSsrc is { } unused) media.Ssrcs.RemoveAll(s => s.Ssrc == unused);
        }

        return new NegotiatedTrack(media.Kind, media.Mid!, codecs, stream?.Ssrc ?? 0, offered.Ssrcs.Select(s => s.Ssrc).Distinct().ToArray())
        {
            VideoOrdinal = player ? 0 : videoOrdinal,
            SimulcastRids = simulcast?.Rids ?? [],
            PausedSimulcastRids = simulcast?.Paused ?? [],
            MidExtensionId = ExtensionId(media, RelayMediaPolicy.MidUri),
            RidExtensionId = ExtensionId(media, RelayMediaPolicy.RtpStreamIdUri),
            RepairedRidExtensionId = ExtensionId(media, RelayMediaPolicy.RepairedRtpStreamIdUri),
            RtxCodecs = rtx,
            RtxSsrc = rtxSsrc,
            AbsSendTimeExtensionId = ExtensionId(media, RelayMediaPolicy.AbsSendTimeUri),
            SupportsRemb = media.RtcpFeedback.Any(f => f.Text == "goog-remb"),
        };
    }

    /// <summary>
    /// The layers of a publisher's simulcast offer (RFC 8853 §5.1) in the order of its send list,
    /// each with an <c>a=rid:… send</c> line, or null when there is no simulcast the relay can use:
    /// none offered, or no rtp-stream-id extension to tell the layers apart by (the answer then has
    /// no a=simulcast, and the browser sends its first encoding only, JSEP §5.3.1).
    /// </summary>
    private static (IReadOnlyList<string> Rids, IReadOnlyList<string> Paused)? SimulcastLayers(MediaDescription answer, MediaDescription offered)
    {
        if (answer.Simulcast is null || offered.Simulcast?.Send is not { } list
            || !answer.Extmaps.Any(e => e.Uri == RelayMediaPolicy.RtpStreamIdUri))
        {
            return null;
        }

        var sendRids = offered.Rids.Where(r => r.Direction == "send").Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var rids = new List<string>();
        var paused = new List<string>();
        foreach (var entry in list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var id = entry.TrimStart('~');
            if (!sendRids.Contains(id) || rids.Contains(id)) continue;
            rids.Add(id);
            if (entry.StartsWith('~')) paused.Add(id);
        }

        return rids.Count == 0 ? null : (rids, paused);
    }

    /// <summary>
    /// Chromium starts its send estimate at 300 kbit/s and, with only receiver reports from the
    /// relay, grows it ~8 % a second: the full-size layer would start ~20 s into the lesson.
    /// <c>x-google-start-bitrate</c> (kbit/s, read from the answer's fmtp) starts it at what the
    /// three layers need; losses in the relay's receiver reports still bring it down.
    /// </summary>
    private static void StartBitrate(MediaDescription media, int payloadType)
    {
        var text = "x-google-start-bitrate=" + SimulcastStartKbps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var index = media.Fmtps.FindIndex(f => f.PayloadType == payloadType);
        if (index < 0) media.Fmtps.Add(new SdpFmtp(payloadType, text));
        else if (media.Fmtps[index].Get("x-google-start-bitrate") is null)
            media.Fmtps[index] = new SdpFmtp(payloadType, media.Fmtps[index].Parameters + ";" + text);
    }

    /// <summary>What the studio page's three layers add up to (150 + 500 + 1500 kbit/s) plus audio.</summary>
    public const int SimulcastStartKbps = 2200;

    private static int ExtensionId(MediaDescription media, string uri) => media.Extmaps.FirstOrDefault(e => e.Uri == uri)?.Id ?? 0;

    private static bool IsRtx(SdpCodec codec) => codec.EncodingName.Equals("rtx", StringComparison.OrdinalIgnoreCase);

    /// <summary>A player section's stream: media SSRC, and for video a distinct RTX SSRC (dropped again when no rtx is kept).</summary>
    private static SdpSendStream NewStream(string kind)
    {
        var ssrc = NewSsrc();
        uint? rtx = null;
        if (kind == "video")
        {
            var candidate = NewSsrc();
            while (candidate == ssrc) candidate = NewSsrc();
            rtx = candidate;
        }

        return new SdpSendStream(ssrc, rtx, "classroom-relay", "classroom", kind);
    }

    private static uint NewSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
