using System.Net;
using Classroom.LoadTool.Janus;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Tests.LoadTool;

/// <summary>The answer to a streaming-plugin offer shaped like Janus 1.1's (actpass, BUNDLE, host candidates, sendonly).</summary>
public sealed class JanusAnswerTests
{
    private const string Offer =
        "v=0\r\no=- 1700000000000000 1 IN IP4 10.231.0.1\r\ns=Mountpoint 1\r\nt=0 0\r\n" +
        "a=group:BUNDLE a v\r\na=ice-options:trickle\r\na=fingerprint:sha-256 D2:B9:31:8F:DF:24:D8:0E:ED:D2:EF:25:9E:AF:6F:B8:34:AE:53:9C:E6:F3:8F:F2:64:15:FA:E8:7F:53:2D:38\r\n" +
        "a=extmap-allow-mixed\r\na=msid-semantic: WMS janus\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 10.231.0.1\r\na=sendonly\r\na=mid:a\r\na=rtcp-mux\r\na=ice-ufrag:Ab3d\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n" +
        "a=ice-options:trickle\r\na=setup:actpass\r\na=rtpmap:111 opus/48000/2\r\na=ssrc:1111 cname:janus\r\n" +
        "a=candidate:1 1 udp 2015363327 10.231.0.1 20123 typ host\r\na=end-of-candidates\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 100\r\nc=IN IP4 10.231.0.1\r\na=sendonly\r\na=mid:v\r\na=rtcp-mux\r\na=ice-ufrag:Ab3d\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n" +
        "a=ice-options:trickle\r\na=setup:actpass\r\na=rtpmap:100 VP8/90000\r\na=rtcp-fb:100 nack\r\na=rtcp-fb:100 nack pli\r\na=ssrc:2222 cname:janus\r\n" +
        "a=candidate:1 1 udp 2015363327 10.231.0.1 20123 typ host\r\na=end-of-candidates\r\n";

    [Fact]
    public void The_client_reads_janus_credentials_and_host_candidate_from_the_offer()
    {
        var read = AnswerCandidates.Read(Offer);
        Assert.NotNull(read);
        Assert.Equal("Ab3d", read.IceUfrag);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.231.0.1"), 20123), read.Udp);
    }

    [Fact]
    public void Answer_is_recvonly_active_bundled_with_the_offered_mids_codecs_and_our_candidate()
    {
        var offer = SdpParser.Parse(Offer).Description!;
        var local = new IceCredentials("Loc1", "0123456789abcdefghijkl");
        var text = JanusAnswer.Write(offer, local, "AA:BB", new IPEndPoint(IPAddress.Parse("10.231.0.2"), 40000));

        var parsed = SdpParser.Parse(text);
        Assert.True(parsed.Success, parsed.Error);
        var answer = parsed.Description!;
        Assert.Equal(["a", "v"], answer.BundleGroup!.Mids);
        Assert.Collection(answer.Media,
            audio =>
            {
                Assert.Equal("a", audio.Mid);
                Assert.Equal(SdpDirection.RecvOnly, audio.Direction);
                Assert.Equal(SdpSetupRole.Active, audio.Setup);
                Assert.Equal("opus", audio.Codecs.Single().EncodingName);
                Assert.Equal(111, audio.Codecs.Single().PayloadType);
            },
            video =>
            {
                Assert.Equal("v", video.Mid);
                Assert.Equal(SdpDirection.RecvOnly, video.Direction);
                Assert.Equal(100, video.Codecs.Single().PayloadType);
                Assert.Equal("Loc1", video.IceUfrag);
                Assert.True(video.RtcpMux);
                Assert.Contains(video.Candidates, c => c.Contains("10.231.0.2 40000 typ host", StringComparison.Ordinal));
            });
    }
}
