using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

public class SdpCandidateTests
{
    [Fact]
    public void Parses_the_chromium_mdns_host_candidate()
    {
        MediaDescription audio = SdpParser.Parse(SdpFixtures.ChromiumWhipOffer).Description!.Media[0];
        Assert.True(SdpCandidate.TryParse(audio.Candidates[0], out SdpCandidate? candidate));
        Assert.Equal("1467250027", candidate!.Foundation);
        Assert.Equal(1, candidate.Component);
        Assert.True(candidate.IsUdp);
        Assert.Equal(2122260223u, candidate.Priority);
        Assert.EndsWith(".local", candidate.Address, StringComparison.Ordinal);
        Assert.Equal(54400, candidate.Port);
        Assert.Equal("host", candidate.Type);
    }

    [Fact]
    public void Passive_tcp_and_reflexive_candidates_round_trip()
    {
        var tcp = new SdpCandidate("2", 1, "tcp", 1518280447, "127.0.0.1", 443, "host", TcpType: "passive");
        Assert.Equal("2 1 tcp 1518280447 127.0.0.1 443 typ host tcptype passive", tcp.ToString());
        Assert.True(SdpCandidate.TryParse(tcp.ToString(), out SdpCandidate? back));
        Assert.Equal(tcp, back);

        Assert.True(SdpCandidate.TryParse("3 1 udp 1686052607 198.51.100.7 61000 typ srflx raddr 10.0.0.2 rport 54400 generation 0", out SdpCandidate? srflx));
        Assert.Equal(("10.0.0.2", (int?)54400), (srflx!.RelatedAddress, srflx.RelatedPort));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 1 udp 2122260223 127.0.0.1 54400 host")]
    [InlineData("1 x udp 2122260223 127.0.0.1 54400 typ host")]
    [InlineData("1 1 udp 2122260223 127.0.0.1 70000 typ host")]
    public void Malformed_candidates_are_refused(string value) => Assert.False(SdpCandidate.TryParse(value, out _));
}
