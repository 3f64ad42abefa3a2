using System.Globalization;
using System.Text;
using Classroom.MediaRelay.Ice;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// Writes the relay's SDP answer (RFC 8866 syntax; JSEP answer shape, RFC 8829 §5.3): ICE-lite
/// (RFC 8445 §2.5), DTLS passive (the browser is the DTLS client, RFC 8842 §5.3), one BUNDLE
/// group, rtcp-mux, host candidates only, end-of-candidates since a lite agent never trickles.
/// </summary>
public static class AnswerWriter
{
    public static string Write(SessionRole role, IReadOnlyList<NegotiatedTrack> tracks, IceCredentials local,
        string fingerprint, IReadOnlyList<IceCandidate> candidates, ulong sessionId)
    {
        var sb = new StringBuilder(2048);
        Line(sb, "v=0");
        Line(sb, $"o=classroom-relay {sessionId} 1 IN IP4 127.0.0.1");
        Line(sb, "s=-");
        Line(sb, "t=0 0");
        Line(sb, "a=ice-lite");
        Line(sb, "a=group:BUNDLE " + string.Join(' ', tracks.Where(t => t.Accepted).Select(t => t.Mid)));
        Line(sb, "a=msid-semantic: WMS classroom");
        foreach (var track in tracks)
        {
            if (track.Codec is not { } codec)
            {
                var fmt = track.Offered.Codecs.Count > 0 ? track.Offered.Codecs[0].PayloadType.ToString(CultureInfo.InvariantCulture) : "0";
                Line(sb, $"m={track.Kind} 0 {track.Offered.Protocol} {fmt}");
                Line(sb, "c=IN IP4 0.0.0.0");
                Line(sb, "a=mid:" + track.Mid);
                Line(sb, "a=inactive");
                continue;
            }

            Line(sb, $"m={track.Kind} 9 UDP/TLS/RTP/SAVPF {codec.PayloadType}");
            Line(sb, "c=IN IP4 0.0.0.0");
            Line(sb, "a=rtcp:9 IN IP4 0.0.0.0");
            Line(sb, "a=ice-ufrag:" + local.Ufrag);
            Line(sb, "a=ice-pwd:" + local.Pwd);
            Line(sb, "a=fingerprint:sha-256 " + fingerprint);
            Line(sb, "a=setup:passive");
            Line(sb, "a=mid:" + track.Mid);
            Line(sb, role == SessionRole.Publisher ? "a=recvonly" : "a=sendonly");
            if (role == SessionRole.Player) Line(sb, $"a=msid:classroom {track.Kind}");
            Line(sb, "a=rtcp-mux");
            Line(sb, codec.Channels > 1
                ? $"a=rtpmap:{codec.PayloadType} {codec.Name}/{codec.ClockRate}/{codec.Channels}"
                : $"a=rtpmap:{codec.PayloadType} {codec.Name}/{codec.ClockRate}");
            if (codec.Fmtp.Length > 0) Line(sb, $"a=fmtp:{codec.PayloadType} {codec.Fmtp}");
            if (track.Kind == "video")
            {
                // Keyframe requests only: the relay asks publishers for keyframes and answers players' requests.
                Line(sb, $"a=rtcp-fb:{codec.PayloadType} nack pli");
                Line(sb, $"a=rtcp-fb:{codec.PayloadType} ccm fir");
            }

            if (role == SessionRole.Player)
            {
                Line(sb, $"a=ssrc:{track.LocalSsrc} cname:classroom-relay");
                Line(sb, $"a=ssrc:{track.LocalSsrc} msid:classroom {track.Kind}");
            }

            foreach (var candidate in candidates) Line(sb, "a=" + candidate.ToSdp());
            Line(sb, "a=end-of-candidates");
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");
}
