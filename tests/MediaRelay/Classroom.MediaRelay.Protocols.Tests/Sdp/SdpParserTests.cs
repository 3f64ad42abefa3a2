using Classroom.MediaRelay.Protocols.Sdp;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

public class SdpParserTests
{
    [Fact]
    public void Parses_the_chromium_offer()
    {
        SdpParseResult result = SdpParser.Parse(SdpFixtures.ChromiumWhipOffer);
        Assert.True(result.Success, result.Error);
        SessionDescription offer = result.Description;
        Assert.Equal("4215775240449105457", offer.Origin.SessionId);
        Assert.Equal(["0", "1"], offer.BundleGroup!.Mids);
        Assert.True(offer.ExtmapAllowMixed);
        Assert.Equal(2, offer.Media.Count);

        MediaDescription audio = offer.Media[0];
        Assert.Equal("audio", audio.Kind);
        Assert.Equal("0", audio.Mid);
        Assert.Equal(SdpDirection.SendOnly, audio.Direction);
        Assert.Equal("Xk9q", audio.IceUfrag);
        Assert.Equal("7Vh2bYl0qz3Jr1mXnC8sT4uP", audio.IcePwd);
        Assert.Equal("sha-256", audio.Fingerprint!.Algorithm);
        Assert.StartsWith("8B:3E:71", audio.Fingerprint.Value, StringComparison.Ordinal);
        Assert.Equal(SdpSetupRole.ActPass, audio.Setup);
        Assert.True(audio.RtcpMux);
        Assert.True(audio.RtcpRsize);
        Assert.Single(audio.Candidates);
        Assert.Contains(audio.Extmaps, e => e.Id == 4 && e.Uri == RelayMediaPolicy.MidUri);
        SdpCodec opus = audio.Codecs[0];
        Assert.Equal((111, "opus", 48000, (int?)2), (opus.PayloadType, opus.EncodingName, opus.ClockRate, opus.Channels));
        Assert.Equal("1", opus.Fmtp.Get("useinbandfec"));
        Assert.Equal("transport-cc", Assert.Single(opus.Feedback).Text);
        Assert.Equal(8, audio.Codecs.Count);
        Assert.Equal(2, audio.Ssrcs.Count);
        Assert.Equal(2841376593u, audio.Ssrcs[0].Ssrc);
        Assert.Equal("q2Yx0l3p9WfKzB7m", audio.Ssrcs[0].Value);

        MediaDescription video = offer.Media[1];
        Assert.Equal(25, video.Codecs.Count);
        Assert.Equal(["q", "h", "f"], video.Rids.Select(r => r.Id));
        Assert.All(video.Rids, r => Assert.Equal("send", r.Direction));
        Assert.Equal("q;h;f", video.Simulcast!.Send);
        Assert.Null(video.Simulcast.Recv);
        Assert.Equal("5a0ee7b8-3f4e-4a51-9c5f-a9f1d24e3b3e 9e4b2c70-1f3a-4d6e-8b5c-7a0d2e4f6b81", video.Msid);
        Assert.Equal(5, video.Codecs.Single(c => c.PayloadType == 96).Feedback.Count);
    }

    [Fact]
    public void Write_then_parse_is_stable()
    {
        SessionDescription first = SdpParser.Parse(SdpFixtures.ChromiumWhipOffer).Description!;
        string written = SdpWriter.Write(first);
        SdpParseResult again = SdpParser.Parse(written);
        Assert.True(again.Success, again.Error);
        Assert.Equal(written, SdpWriter.Write(again.Description));
        Assert.Equal(first.Media[1].Codecs.Count, again.Description.Media[1].Codecs.Count);
        Assert.Equal(first.Media[0].Candidates, again.Description.Media[0].Candidates);
        Assert.EndsWith("\r\n", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "v=0")]
    [InlineData("v=1\r\n", "v=0")]
    [InlineData("v=0\r\ns=-\r\n", "o=")]
    [InlineData("v=0\r\no=- 1 2 IN IP4\r\n", "six fields")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nthis is not sdp\r\n", "line 3")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video nine UDP/TLS/RTP/SAVPF 96\r\n", "port")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF\r\n", "format")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8\r\n", "a=rtpmap")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=extmap:300 urn:x\r\n", "a=extmap")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=setup:sometimes\r\n", "a=setup")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rid:h sideways\r\n", "a=rid")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ssrc:abc cname:x\r\n", "a=ssrc")]
    public void Malformed_sdp_gives_a_reason_not_an_exception(string text, string expectedInReason)
    {
        SdpParseResult result = SdpParser.Parse(text);
        Assert.False(result.Success);
        Assert.Contains(expectedInReason, result.Error, StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public void Random_text_never_throws(string text)
    {
        _ = SdpParser.Parse(text ?? string.Empty);
        _ = SdpParser.Parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=" + (text ?? string.Empty));
    }

    [Property(MaxTest = 200)]
    public void Random_lines_of_the_chromium_offer_never_throw(int seed)
    {
        string[] lines = SdpFixtures.ChromiumWhipOffer.Split("\r\n");
        var random = new Random(seed);
        for (int i = 0; i < 5; i++)
        {
            int line = random.Next(lines.Length);
            char[] chars = lines[line].ToCharArray();
            if (chars.Length > 2)
            {
                chars[random.Next(2, chars.Length)] = (char)random.Next(32, 127);
            }

            lines[line] = new string(chars);
        }

        SdpParseResult result = SdpParser.Parse(string.Join("\r\n", lines));
        if (result.Success)
        {
            _ = SdpAnswerer.CreateAnswer(result.Description, SdpAnswererTests.Relay());
        }
    }
}
