using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// The offer a non-browser peer (tests, load tool, edge relay) sends, built with Protocols.Sdp's
/// offer builder: Opus (PT 111) and VP8 (PT 96) / H.264 (PT 106), sendonly with SSRCs to
/// publish, recvonly to play.
/// </summary>
public static class ClientOfferWriter
{
    public const int OpusPayloadType = 111;
    public const int Vp8PayloadType = 96;

    public static string Write(SessionRole role, IceCredentials local, string fingerprint, uint audioSsrc, uint videoSsrc)
    {
        ArgumentNullException.ThrowIfNull(local);
        var direction = role == SessionRole.Publisher ? SdpDirection.SendOnly : SdpDirection.RecvOnly;
        var publish = role == SessionRole.Publisher;
        var offer = SdpOfferBuilder.CreateOffer(new SdpOfferOptions
        {
            IceUfrag = local.Ufrag,
            IcePwd = local.Pwd,
            FingerprintSha256 = fingerprint,
            Tracks =
            [
                new SdpOfferTrack("audio", direction, publish ? new SdpSendStream(audioSsrc, null, "classroom-client", "client", "audio") : null),
                new SdpOfferTrack("video", direction, publish ? new SdpSendStream(videoSsrc, null, "classroom-client", "client", "video") : null),
            ],
        });
        return SdpWriter.Write(offer);
    }
}
