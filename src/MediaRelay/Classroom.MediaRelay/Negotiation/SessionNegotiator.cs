using System.Security.Cryptography;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// Offer → answer for one WHIP/WHEP peer. Parsing and the JSEP answer (ICE-lite, DTLS passive,
/// BUNDLE, rejections with reasons) come from Protocols.Sdp; this adds the relay's forwarding
/// policy: the direction must fit the role, one track per kind, a publisher sends exactly one
/// codec, no header extensions (the relay forwards extension bytes unchanged, so none are
/// negotiated until it rewrites them), and only NACK (RFC 4585 §6.2.1, answered from the retransmission cache) and PLI/FIR feedback.
/// </summary>
public static class SessionNegotiator
{
    private static readonly HashSet<string> KeptFeedback = new(StringComparer.Ordinal) { "nack", "nack pli", "ccm fir" };

    public static bool TryNegotiate(string offerSdp, SessionRole role, Func<string, CodecKey?> roomCodec, IceCredentials local,
        string fingerprint, IReadOnlyList<IceCandidate> candidates, out NegotiationResult? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(roomCodec);
        result = null;
        var parsed = SdpParser.Parse(offerSdp);
        if (!parsed.Success) { error = parsed.Error; return false; }

        var ssrcs = new Dictionary<string, uint>(StringComparer.Ordinal);
        var answered = SdpAnswerer.CreateAnswer(parsed.Description, new RelayCapabilities
        {
            IceUfrag = local.Ufrag,
            IcePwd = local.Pwd,
            FingerprintSha256 = fingerprint,
            Candidates = candidates.Select(c => c.Value).ToArray(),
            SessionId = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            SendStreamFor = role == SessionRole.Player ? m => new SdpSendStream(ssrcs[m.Mid!] = NewSsrc(), null, "classroom-relay", "classroom", m.Kind) : null,
        });

        var answer = answered.Answer;
        var tracks = new List<NegotiatedTrack>();
        var reasons = new List<string>(answered.Rejections);
        for (var i = 0; i < answer.Media.Count; i++)
        {
            var media = answer.Media[i];
            if (media.IsRejected) continue;
            var reason = Restrict(media, role, roomCodec, tracks, out var codecs);
            if (reason is not null)
            {
                reasons.Add($"m={i} {media.Kind}: {reason}");
                answer.Media[i] = Rejected(media);
                continue;
            }

            var remoteSsrcs = parsed.Description.Media[i].Ssrcs.Select(s => s.Ssrc).Distinct().ToArray();
            tracks.Add(new NegotiatedTrack(media.Kind, media.Mid!, codecs, ssrcs.GetValueOrDefault(media.Mid!), remoteSsrcs));
        }

        if (tracks.Count == 0 || answered.RemoteIceUfrag is null || answered.RemoteIcePwd is null || answered.RemoteFingerprint is null)
        {
            error = "no m-line the relay can use: " + (reasons.Count > 0 ? string.Join("; ", reasons) : "the offer has no m= section");
            return false;
        }

        answer.Groups.RemoveAll(g => g.Semantics == "BUNDLE");
        answer.Groups.Add(new SdpGroup("BUNDLE", tracks.Select(t => t.Mid).ToArray()));
        result = new NegotiationResult(tracks, SdpWriter.Write(answer),
            new IceCredentials(answered.RemoteIceUfrag, answered.RemoteIcePwd), answered.RemoteFingerprint.Value);
        error = null;
        return true;
    }

    /// <summary>Narrows an accepted section to the relay's policy; returns why it cannot be used, or null.</summary>
    private static string? Restrict(MediaDescription media, SessionRole role, Func<string, CodecKey?> roomCodec,
        List<NegotiatedTrack> accepted, out List<SdpCodec> codecs)
    {
        codecs = media.Codecs.Where(CodecPolicy.IsPrimary).ToList();
        var direction = role == SessionRole.Publisher ? SdpDirection.RecvOnly : SdpDirection.SendOnly;
        var fits = role == SessionRole.Publisher
            ? media.Direction is SdpDirection.RecvOnly or SdpDirection.SendRecv
            : media.Direction is SdpDirection.SendOnly or SdpDirection.SendRecv;
        if (!fits) return role == SessionRole.Publisher ? "WHIP needs a section the browser sends on" : "WHEP needs a section the browser receives on";
        if (accepted.Any(t => t.Kind == media.Kind)) return "one " + media.Kind + " track per session";
        if (role == SessionRole.Publisher)
        {
            var chosen = CodecPolicy.Choose(media.Kind, codecs, roomCodec(media.Kind));
            codecs = chosen is null ? [] : [chosen];
        }

        if (codecs.Count == 0) return "no codec the relay forwards";
        var keep = codecs.Select(c => c.PayloadType).ToHashSet();
        media.Direction = direction;
        media.Formats.RemoveAll(f => !int.TryParse(f, out var pt) || !keep.Contains(pt));
        media.RtpMaps.RemoveAll(m => !keep.Contains(m.PayloadType));
        media.Fmtps.RemoveAll(f => !keep.Contains(f.PayloadType));
        media.RtcpFeedback.RemoveAll(f => !keep.Contains(f.PayloadType) || !KeptFeedback.Contains(f.Text));
        media.Extmaps.Clear();
        media.SsrcGroups.Clear();
        return null;
    }

    private static MediaDescription Rejected(MediaDescription media)
    {
        var rejected = new MediaDescription { Kind = media.Kind, Port = 0, Protocol = media.Protocol, Mid = media.Mid, Direction = SdpDirection.Inactive };
        rejected.Formats.Add(media.Formats.Count > 0 ? media.Formats[0] : "0");
        return rejected;
    }

    private static uint NewSsrc() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
