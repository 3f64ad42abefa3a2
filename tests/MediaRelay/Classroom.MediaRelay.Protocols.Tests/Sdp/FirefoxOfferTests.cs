using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

/// <summary>
/// A hand-written offer in Firefox's shape (session-level fingerprint, rtcp-fb before rtpmap,
/// extmap directions, "{uuid}" msids, H.264 mode 0 as a separate PT, simulcast rids a/b/c): the
/// answerer must not depend on Chromium's attribute order.
/// </summary>
public class FirefoxOfferTests
{
    [Fact]
    public void Firefox_publisher_offer_is_answered()
    {
        SdpParseResult parsed = SdpParser.Parse(SdpFixtures.Read("firefox-whip-offer.sdp"));
        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal("sha-256", parsed.Description.Fingerprint!.Algorithm);
        Assert.Contains(parsed.Description.Media[0].Extmaps, e => e.Id == 2 && e.Direction == "recvonly");

        SdpAnswerResult result = SdpAnswerer.CreateAnswer(parsed.Description, SdpAnswererTests.Relay());
        Assert.Empty(result.Rejections);
        Assert.Equal("5E:0B:91:7C:A2:33:F4:18:6D:C9:20:AB:47:E3:8F:52:19:6A:D0:BE:73:04:CF:28:91:5D:E6:3A:B7:40:8C:11", result.RemoteFingerprint!.Value);
        Assert.Equal(["109"], result.Answer.Media[0].Formats);
        // VP8 + rtx and H.264 mode 1 + rtx; VP9, H.264 without packetization-mode (= 0), RED, ULPFEC dropped.
        Assert.Equal(["120", "124", "126", "127"], result.Answer.Media[1].Formats);
        Assert.Equal("a;b;c", result.Answer.Media[1].Simulcast!.Recv);
        Assert.Equal(5, result.Answer.Media[1].RtcpFeedback.Count(f => f.PayloadType == 120));
        Assert.Equal([3, 4, 7, 8, 9], result.Answer.Media[1].Extmaps.Select(e => e.Id));
    }
}
