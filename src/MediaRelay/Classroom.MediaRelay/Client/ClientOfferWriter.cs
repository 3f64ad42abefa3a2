using System.Text;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// The offer a non-browser peer (tests, load tool, edge relay) sends: Opus (PT 111) and VP8
/// (PT 96), BUNDLE + rtcp-mux, DTLS role actpass; sendonly with SSRCs to publish, recvonly to play.
/// </summary>
public static class ClientOfferWriter
{
    public const int OpusPayloadType = 111;
    public const int Vp8PayloadType = 96;

    public static string Write(SessionRole role, IceCredentials local, string fingerprint, uint audioSsrc, uint videoSsrc)
    {
        var direction = role == SessionRole.Publisher ? "sendonly" : "recvonly";
        var sb = new StringBuilder();
        sb.Append("v=0\r\no=classroom-client 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n");
        Media(sb, "audio", "0", OpusPayloadType, "opus/48000/2", "minptime=10;useinbandfec=1", direction, audioSsrc, role, local, fingerprint);
        Media(sb, "video", "1", Vp8PayloadType, "VP8/90000", null, direction, videoSsrc, role, local, fingerprint);
        return sb.ToString();
    }

    private static void Media(StringBuilder sb, string kind, string mid, int pt, string rtpmap, string? fmtp, string direction,
        uint ssrc, SessionRole role, IceCredentials local, string fingerprint)
    {
        sb.Append($"m={kind} 9 UDP/TLS/RTP/SAVPF {pt}\r\nc=IN IP4 0.0.0.0\r\n");
        sb.Append($"a=ice-ufrag:{local.Ufrag}\r\na=ice-pwd:{local.Pwd}\r\na=fingerprint:sha-256 {fingerprint}\r\na=setup:actpass\r\n");
        sb.Append($"a=mid:{mid}\r\na={direction}\r\na=rtcp-mux\r\na=rtpmap:{pt} {rtpmap}\r\n");
        if (fmtp is not null) sb.Append($"a=fmtp:{pt} {fmtp}\r\n");
        if (kind == "video") sb.Append($"a=rtcp-fb:{pt} nack pli\r\n");
        if (role == SessionRole.Publisher) sb.Append($"a=ssrc:{ssrc} cname:classroom-client\r\n");
    }
}
