using System.Globalization;
using System.Net;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.LoadTool.Janus;

/// <summary>
/// Our answer to the streaming plugin's offer, written with Protocols.Sdp: each offered section
/// answered recvonly (RFC 8829 §5.3.1) with the first offered codec, the offer's BUNDLE group and
/// mids, rtcp-mux, a=setup:active (we are the DTLS client against Janus's actpass, RFC 5763 §5),
/// and one UDP host candidate for the client's socket (RFC 8839 §5.1). Sections we cannot take
/// (data channels) are rejected with port 0.
/// </summary>
public static class JanusAnswer
{
    public static string Write(SessionDescription offer, IceCredentials local, string fingerprintSha256, IPEndPoint candidate)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(candidate);
        var answer = new SessionDescription { Origin = SdpOrigin.Create("1"), MsidSemantic = " WMS" };
        var host = string.Create(CultureInfo.InvariantCulture, $"1 1 udp 2130706431 {candidate.Address} {candidate.Port} typ host");
        foreach (var offered in offer.Media)
        {
            var media = new MediaDescription { Kind = offered.Kind, Protocol = offered.Protocol, Mid = offered.Mid };
            var codec = offered.Codecs.FirstOrDefault();
            if (offered.IsRejected || codec is null || offered.Kind is not ("audio" or "video"))
            {
                media.Port = 0;
                media.Formats.AddRange(offered.Formats.Take(1));
                answer.Media.Add(media);
                continue;
            }

            media.Direction = offered.Direction.Reverse(canSend: false);
            media.IceUfrag = local.Ufrag;
            media.IcePwd = local.Pwd;
            media.Fingerprint = new SdpFingerprint("sha-256", fingerprintSha256);
            media.Setup = SdpSetupRole.Active;
            media.RtcpMux = true;
            media.Formats.Add(codec.PayloadType.ToString(CultureInfo.InvariantCulture));
            media.RtpMaps.Add(new SdpRtpMap(codec.PayloadType, codec.EncodingName, codec.ClockRate, codec.Channels));
            if (!string.IsNullOrEmpty(codec.Parameters)) media.Fmtps.Add(new SdpFmtp(codec.PayloadType, codec.Parameters));
            media.Candidates.Add(host);
            media.EndOfCandidates = true;
            answer.Media.Add(media);
        }

        if (offer.BundleGroup is { } bundle)
            answer.Groups.Add(new SdpGroup("BUNDLE", bundle.Mids.Where(mid => answer.Media.Any(m => m.Mid == mid && !m.IsRejected)).ToArray()));
        return SdpWriter.Write(answer);
    }
}
