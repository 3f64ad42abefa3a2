using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// The offer a non-browser peer (tests, load tool, edge relay) sends, built with Protocols.Sdp's
/// offer builder: Opus (PT 111) and VP8 (PT 96) / H.264 (PT 106), sendonly with SSRCs to
/// publish, recvonly to play.
/// </summary>
internal static class ClientOfferWriter
{
    public const int OpusPayloadType = 111;
    public const int Vp8PayloadType = 96;
    public const int H264PayloadType = 106;

    public static string Write(SessionRole role, IceCredentials local, string fingerprint, uint audioSsrc, uint videoSsrc) =>
        Write(role, local, fingerprint, audioSsrc, videoSsrc, audioSections: 1, videoSections: 1);

    /// <summary>
    /// As above with several sections of a kind: a publisher's video section i sends on
    /// <paramref name="videoSsrc"/> + i (audio on <paramref name="audioSsrc"/> only).
    /// </summary>
    public static string Write(SessionRole role, IceCredentials local, string fingerprint, uint audioSsrc, uint videoSsrc, int audioSections, int videoSections,
        bool preferH264 = false)
    {
        ArgumentNullException.ThrowIfNull(local);
        var direction = role == SessionRole.Publisher ? SdpDirection.SendOnly : SdpDirection.RecvOnly;
        var publish = role == SessionRole.Publisher;
        var tracks = new List<SdpOfferTrack>();
        for (var i = 0; i < audioSections; i++)
            tracks.Add(new SdpOfferTrack("audio", direction, publish && i == 0 ? new SdpSendStream(audioSsrc, null, "classroom-client", "client", "audio") : null));
        for (var i = 0; i < videoSections; i++)
            tracks.Add(new SdpOfferTrack("video", direction, publish ? new SdpSendStream(videoSsrc + (uint)i, null, "classroom-client", "client", "video" + i) : null));
        var offer = SdpOfferBuilder.CreateOffer(new SdpOfferOptions
        {
            IceUfrag = local.Ufrag,
            IcePwd = local.Pwd,
            FingerprintSha256 = fingerprint,
            Tracks = tracks,
            PreferH264 = preferH264,
        });
        return SdpWriter.Write(offer);
    }
}
