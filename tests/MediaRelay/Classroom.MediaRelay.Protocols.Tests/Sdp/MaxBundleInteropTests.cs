using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

/// <summary>
/// Offers from peers with <c>bundlePolicy: max-bundle</c> (issue 10, "Interop fixes found with
/// third-party peers"): every section after the first is offered with port 0 and a=bundle-only.
/// The answer must bundle every section it can use and satisfy a strict parser
/// (<see cref="StrictAnswerChecker"/>, webrtcbin's rules).
/// </summary>
public class MaxBundleInteropTests
{
    private static (SessionDescription Offer, SdpAnswerResult Result, string Text) Answer(string offerText)
    {
        SdpParseResult parsed = SdpParser.Parse(offerText);
        Assert.True(parsed.Success, parsed.Error);
        SdpAnswerResult result = SdpAnswerer.CreateAnswer(parsed.Description, SdpAnswererTests.Relay());
        return (parsed.Description, result, SdpWriter.Write(result.Answer));
    }

    [Fact]
    public void Webrtcbin_max_bundle_offer_bundles_video_and_audio_and_passes_the_strict_checker()
    {
        string offerText = SdpFixtures.Read("webrtcbin-1.22-max-bundle-offer.sdp");
        (SessionDescription offer, SdpAnswerResult result, string text) = Answer(offerText);

        Assert.True(offer.Media[1].BundleOnly);
        Assert.True(offer.Media[1].RtcpMuxOnly);
        Assert.Equal(0, offer.Media[1].Port);
        Assert.False(offer.Media[1].IsRejected);

        Assert.Empty(result.Rejections);
        Assert.Equal(["video0", "audio1"], result.Answer.BundleGroup!.Mids);
        Assert.All(result.Answer.Media, m => Assert.Equal(9, m.Port));
        Assert.Equal(["96", "97", "98", "99"], result.Answer.Media[0].Formats); // VP8 + H.264 42e01f mode 1, each with rtx
        Assert.Equal("OPUS", Assert.Single(result.Answer.Media[1].Codecs).EncodingName);
        Assert.All(result.Answer.Media, m => Assert.Equal(SdpDirection.RecvOnly, m.Direction));
        Assert.Equal("xr8Ni0cXAnVq2v3cWdBWQtyy5lAxuG3K", result.RemoteIceUfrag);
        Assert.StartsWith("3C:9F", result.RemoteFingerprint!.Value, StringComparison.Ordinal);

        Assert.Empty(StrictAnswerChecker.Problems(text, offerText));
        // RFC 8843 §9.3.2 / RFC 9725 §4.5.1: rtcp-mux-only offered, rtcp-mux-only answered, beside rtcp-mux.
        Assert.All(result.Answer.Media, m => Assert.True(m.RtcpMux && m.RtcpMuxOnly));
    }

    [Fact]
    public void Firefox_max_bundle_offer_keeps_its_second_video_track()
    {
        string offerText = SdpFixtures.Read("firefox-max-bundle-offer.sdp");
        (_, SdpAnswerResult result, string text) = Answer(offerText);

        Assert.Empty(result.Rejections);
        Assert.Equal(["0", "1", "2"], result.Answer.BundleGroup!.Mids);
        Assert.DoesNotContain("a=rtcp-mux-only", text, StringComparison.Ordinal); // not offered, not answered
        Assert.Equal(["audio", "video", "video"], result.Answer.Media.Select(m => m.Kind));
        Assert.All(result.Answer.Media, m => Assert.False(m.IsRejected));
        Assert.Equal(["120", "124", "126", "127"], result.Answer.Media[2].Formats);
        Assert.StartsWith("A1:5C", result.RemoteFingerprint!.Value, StringComparison.Ordinal); // session-level in the offer
        Assert.Empty(StrictAnswerChecker.Problems(text, offerText));
    }

    [Fact]
    public void Bundle_only_section_without_its_own_transport_uses_the_offerer_tagged_sections()
    {
        // RFC 8843 §7.2.1: a bundle-only section need not repeat ICE, DTLS or rtcp-mux attributes;
        // they are the offerer-tagged (first) section's. Non-numeric mids as webrtcbin writes them.
        string offerText = string.Join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE video0 audio1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:video0", "a=sendonly",
            "a=ice-ufrag:tagd", "a=ice-pwd:taggedpassword012345678", "a=fingerprint:sha-256 0A:0B", "a=setup:actpass",
            "a=rtcp-mux", "a=rtcp-mux-only", "a=rtpmap:96 VP8/90000",
            "m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=bundle-only", "a=mid:audio1", "a=sendonly",
            "a=rtpmap:111 opus/48000/2", "");
        (_, SdpAnswerResult result, string text) = Answer(offerText);

        Assert.Empty(result.Rejections);
        Assert.Equal(["video0", "audio1"], result.Answer.BundleGroup!.Mids);
        Assert.Equal("tagd", result.RemoteIceUfrag);
        Assert.Empty(StrictAnswerChecker.Problems(text, offerText));
    }

    [Fact]
    public void Rtcp_mux_only_counts_as_rtcp_mux()
    {
        string offerText = string.Join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE a",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:a", "a=sendonly",
            "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv", "a=fingerprint:sha-256 0A:0B", "a=setup:actpass",
            "a=rtcp-mux-only", "a=rtpmap:111 opus/48000/2", "");
        (_, SdpAnswerResult result, string text) = Answer(offerText);
        Assert.Empty(result.Rejections);
        Assert.Contains("a=rtcp-mux\r\na=rtcp-mux-only\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_only_section_outside_the_group_is_rejected_and_so_is_a_plain_port_0_section()
    {
        string offerText = string.Join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv", "a=fingerprint:sha-256 0A:0B", "a=setup:actpass",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "m=video 0 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=bundle-only", "a=mid:1", "a=sendonly", "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
            "m=video 0 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:2", "a=sendonly", "a=rtcp-mux", "a=rtpmap:96 VP8/90000", "");
        (_, SdpAnswerResult result, string text) = Answer(offerText);

        Assert.Equal(
            [new SdpRejection(1, "video", "1", "a=bundle-only section outside the BUNDLE group"), new SdpRejection(2, "video", "2", "rejected by the offerer (port 0)")],
            result.RejectedSections);
        Assert.Equal("m=2 video: rejected by the offerer (port 0)", result.Rejections[1]);
        Assert.Equal(["0"], result.Answer.BundleGroup!.Mids);
        Assert.Empty(StrictAnswerChecker.Problems(text, offerText));
    }

    [Fact]
    public void Rejected_sections_still_carry_mid_ice_fingerprint_and_setup()
    {
        // Before issue 10 a rejected section had only m=, c=, mid and inactive: webrtcbin's
        // validate_sdp refused the whole answer (no ice-ufrag, no setup in media 1) and played nothing.
        string offerText = string.Join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE video0 audio1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:video0", "a=sendonly",
            "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv", "a=fingerprint:sha-256 0A:0B", "a=setup:actpass",
            "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
            "m=audio 0 UDP/TLS/RTP/SAVPF 0", "c=IN IP4 0.0.0.0", "a=bundle-only", "a=mid:audio1", "a=sendonly", "a=rtpmap:0 PCMU/8000", "");
        (_, SdpAnswerResult result, string text) = Answer(offerText);

        SdpRejection rejected = Assert.Single(result.RejectedSections);
        Assert.Equal((1, "audio1"), (rejected.Index, rejected.Mid));
        Assert.Equal("no supported codec (offered PCMU)", rejected.Reason);
        MediaDescription section = result.Answer.Media[1];
        Assert.Equal(0, section.Port);
        Assert.Equal(("relayufrag", "relaypassword0123456789", SdpSetupRole.Passive), (section.IceUfrag, section.IcePwd, section.Setup));
        Assert.Equal(SdpAnswererTests.Relay().FingerprintSha256, section.Fingerprint!.Value);
        Assert.Null(result.Answer.Fingerprint); // one level only: webrtcbin refuses a fingerprint at both
        Assert.Empty(StrictAnswerChecker.Problems(text, offerText));
    }

    [Fact]
    public void The_checker_catches_what_webrtcbin_refuses()
    {
        // The checker itself must be able to fail: the pre-issue-10 answer shape is refused.
        string offer = SdpFixtures.Read("webrtcbin-1.22-max-bundle-offer.sdp");
        string answer = string.Join("\r\n",
            "v=0", "o=- 7 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=ice-lite", "a=group:BUNDLE video0",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=ice-ufrag:r", "a=ice-pwd:p",
            "a=fingerprint:sha-256 AA", "a=setup:passive", "a=mid:video0", "a=recvonly", "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
            "m=audio 0 UDP/TLS/RTP/SAVPF 100", "c=IN IP4 0.0.0.0", "a=mid:audio1", "a=inactive", "");
        IReadOnlyList<string> problems = StrictAnswerChecker.Problems(answer, offer);
        Assert.Contains("media 1 has no fingerprint in the section or at session level", problems);
        Assert.Contains("media 1 is missing or contains an empty 'setup' attribute", problems);
        Assert.Contains("media 1 is missing or contains an empty 'ice-ufrag' attribute", problems);

        string bothLevels = answer.Replace("a=ice-lite", "a=ice-lite\r\na=fingerprint:sha-256 AA", StringComparison.Ordinal);
        Assert.Contains(StrictAnswerChecker.Problems(bothLevels, offer), p => p.StartsWith("media 0 has a fingerprint at session and media level", StringComparison.Ordinal));
    }
}
