using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Protocols.Tests.Sdp;

namespace Classroom.MediaRelay.Tests.Negotiation;

/// <summary>
/// Max-bundle offers (webrtcbin 1.22, Firefox) through the relay's own negotiation: the bundle-only
/// sections the SDP answerer accepts must also become negotiated tracks, and every section the
/// relay drops is listed with its reason.
/// </summary>
public sealed class MaxBundleNegotiationTests
{
    private static readonly IceCandidate[] Candidates = [new("1", "udp", "127.0.0.1", 50000, false)];
    private const string Fingerprint = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    private static NegotiationResult Negotiate(string offer, SessionRole role)
    {
        Assert.True(SessionNegotiator.TryNegotiate(offer, role, _ => null, IceCredentials.Generate(), Fingerprint, Candidates,
            out var result, out var error, out _), error);
        return result!;
    }

    [Fact]
    public void A_Firefox_studio_keeps_its_second_video_track()
    {
        var offer = Fixture("firefox-max-bundle-offer.sdp");
        var result = Negotiate(offer, SessionRole.Publisher);

        Assert.Equal([("audio", "0"), ("video", "1"), ("video", "2")], result.Tracks.Select(t => (t.Kind, t.Mid)));
        Assert.All(result.Tracks.Where(t => t.Kind == "video"), t => Assert.Equal("VP8", t.Primary.Name));
        Assert.Equal([1750468021u, 2946116478u], result.Tracks[1].RemoteSsrcs);
        Assert.Equal([620139854u, 3873210965u], result.Tracks[2].RemoteSsrcs);
        Assert.Empty(result.Rejections);
        var answer = SdpParser.Parse(result.AnswerSdp).Description!;
        Assert.Equal(["0", "1", "2"], answer.BundleGroup!.Mids);
        Assert.All(answer.Media, m => Assert.Equal(SdpDirection.RecvOnly, m.Direction));
        Assert.Empty(StrictAnswerChecker.Problems(result.AnswerSdp, offer));
    }

    [Fact]
    public void A_webrtcbin_publisher_with_non_numeric_mids_gets_video_and_audio()
    {
        var offer = Fixture("webrtcbin-1.22-max-bundle-offer.sdp");
        var result = Negotiate(offer, SessionRole.Publisher);

        Assert.Equal([("video", "video0"), ("audio", "audio1")], result.Tracks.Select(t => (t.Kind, t.Mid)));
        Assert.Equal("VP8", result.Tracks[0].Primary.Name);
        Assert.Equal("OPUS", result.Tracks[1].Primary.Name);
        Assert.Equal([1104852187u], result.Tracks[1].RemoteSsrcs);
        Assert.Equal("xr8Ni0cXAnVq2v3cWdBWQtyy5lAxuG3K", result.RemoteIce.Ufrag);
        Assert.Empty(StrictAnswerChecker.Problems(result.AnswerSdp, offer));
    }

    [Fact]
    public void Sections_the_relay_drops_are_listed_with_their_reasons_and_still_pass_the_strict_checker()
    {
        // A player whose last video section would send to the relay: a player only receives, so
        // that section is rejected by the relay's policy (not by the SDP answerer) and leaves the group.
        var offer = Fixture("firefox-max-bundle-offer.sdp").Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal);
        var last = offer.LastIndexOf("a=recvonly", StringComparison.Ordinal);
        offer = offer[..last] + "a=sendonly" + offer[(last + "a=recvonly".Length)..];
        Assert.True(SessionNegotiator.TryNegotiate(offer, SessionRole.Player, _ => null, IceCredentials.Generate(), Fingerprint, Candidates,
            out var result, out var error, out var rejected), error);

        var section = Assert.Single(rejected);
        Assert.Equal((2, "video", "2", "WHEP needs a section the browser receives on"), (section.Index, section.Kind, section.Mid, section.Reason));
        Assert.Equal(rejected, result!.Rejections);
        var answer = SdpParser.Parse(result.AnswerSdp).Description!;
        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);
        Assert.Equal(0, answer.Media[2].Port);
        Assert.Empty(StrictAnswerChecker.Problems(result.AnswerSdp, offer));
    }

    [Fact]
    public void A_refused_offer_still_reports_every_rejected_section()
    {
        var offer = Fixture("webrtcbin-1.22-max-bundle-offer.sdp");
        Assert.False(SessionNegotiator.TryNegotiate(offer, SessionRole.Player, _ => null, IceCredentials.Generate(), Fingerprint, Candidates,
            out _, out var error, out var rejected));
        Assert.Equal([("video0", "WHEP needs a section the browser receives on"), ("audio1", "WHEP needs a section the browser receives on")],
            rejected.Select(r => (r.Mid!, r.Reason)));
        Assert.Contains("m=0 video: WHEP needs", error, StringComparison.Ordinal);
    }
}
