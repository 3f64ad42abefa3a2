using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Tests.Negotiation;

public sealed class SessionNegotiatorTests
{
    private static readonly IceCandidate[] Candidates = [new("1", "udp", "127.0.0.1", 50000, false), new("2", "tcp", "127.0.0.1", 50001, true)];
    private static readonly IceCredentials Local = IceCredentials.Generate();
    private const string Fingerprint = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

    private static string Offer(SessionRole role) => ClientOfferWriter.Write(role, IceCredentials.Generate(), Fingerprint, 11, 22);

    private static NegotiationResult Negotiate(string offer, SessionRole role, CodecKey? video = null)
    {
        Assert.True(SessionNegotiator.TryNegotiate(offer, role, kind => kind == "video" ? video : null, Local, Fingerprint, Candidates, out var result, out var error), error);
        return result!;
    }

    [Fact]
    public void Publisher_gets_one_codec_per_track_no_extensions_and_keyframe_feedback_only()
    {
        var result = Negotiate(Offer(SessionRole.Publisher), SessionRole.Publisher);
        var answer = SdpParser.Parse(result.AnswerSdp).Description!;

        Assert.True(answer.IceLite);
        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);
        Assert.All(answer.Media, m =>
        {
            Assert.Equal(SdpDirection.RecvOnly, m.Direction);
            Assert.Single(m.Codecs);
            Assert.Empty(m.Extmaps);
            Assert.Equal(SdpSetupRole.Passive, m.Setup);
            Assert.Equal(2, m.Candidates.Count);
        });
        Assert.Equal("VP8", answer.Media[1].Codecs[0].EncodingName);
        Assert.Equal(["ccm fir", "nack", "nack pli"], answer.Media[1].RtcpFeedback.Select(f => f.Text).Order());
        Assert.Equal([11u], result.Tracks[0].RemoteSsrcs);
        Assert.Equal(Fingerprint, result.RemoteFingerprint);
    }

    [Fact]
    public void Publisher_keeps_the_lessons_codec_when_offered()
    {
        var h264 = new CodecKey("H264", 90000, 1, "42e01f/1");
        var result = Negotiate(Offer(SessionRole.Publisher), SessionRole.Publisher, h264);
        Assert.Equal(h264, result.Tracks.Single(t => t.Kind == "video").Primary);
    }

    [Fact]
    public void Player_keeps_every_primary_codec_and_gets_relay_ssrcs()
    {
        var result = Negotiate(Offer(SessionRole.Player), SessionRole.Player);
        var video = result.Tracks.Single(t => t.Kind == "video");
        Assert.Equal(["VP8", "H264"], video.Codecs.Select(c => c.EncodingName));
        Assert.NotEqual(0u, video.LocalSsrc);
        Assert.Equal(106, video.PayloadTypeFor(new CodecKey("H264", 90000, 1, "42e01f/1")));
        Assert.Equal(-1, video.PayloadTypeFor(new CodecKey("H264", 90000, 1, "4d001f/1")));
        var answer = SdpParser.Parse(result.AnswerSdp).Description!;
        Assert.All(answer.Media, m => Assert.Equal(SdpDirection.SendOnly, m.Direction));
        Assert.Contains(answer.Media[1].Ssrcs, s => s.Ssrc == video.LocalSsrc && s.Attribute == "msid");
        // Players' NACKs are answered from the retransmission cache, so every video codec keeps "nack".
        Assert.All(video.Codecs, c => Assert.Contains(answer.Media[1].RtcpFeedback, f => f.PayloadType == c.PayloadType && f.Text == "nack"));
    }

    [Theory]
    [InlineData(SessionRole.Player, "WHEP needs")]
    [InlineData(SessionRole.Publisher, "WHIP needs")]
    public void Direction_that_does_not_fit_the_endpoint_is_refused(SessionRole role, string reason)
    {
        var wrong = Offer(role == SessionRole.Player ? SessionRole.Publisher : SessionRole.Player);
        Assert.False(SessionNegotiator.TryNegotiate(wrong, role, _ => null, Local, Fingerprint, Candidates, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
