using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

public class SdpAnswererTests
{
    internal static RelayCapabilities Relay(Func<MediaDescription, SdpSendStream?>? send = null) => new()
    {
        IceUfrag = "relayufrag",
        IcePwd = "relaypassword0123456789",
        FingerprintSha256 = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99",
        Candidates = ["1 1 udp 2130706431 127.0.0.1 40000 typ host"],
        SessionId = "7",
        SendStreamFor = send,
    };

    private static SdpAnswerResult AnswerChromium()
    {
        SessionDescription offer = SdpParser.Parse(SdpFixtures.ChromiumWhipOffer).Description!;
        return SdpAnswerer.CreateAnswer(offer, Relay());
    }

    [Fact]
    public void Chromium_publisher_offer_is_answered_with_supported_codecs_only()
    {
        SdpAnswerResult result = AnswerChromium();
        Assert.Empty(result.Rejections);
        Assert.True(result.HasAcceptedMedia);
        SessionDescription answer = result.Answer;
        Assert.True(answer.IceLite);
        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);

        MediaDescription audio = answer.Media[0];
        Assert.Equal(["111"], audio.Formats);
        Assert.Equal(SdpDirection.RecvOnly, audio.Direction);
        Assert.Equal(SdpSetupRole.Passive, audio.Setup);
        Assert.Equal("relayufrag", audio.IceUfrag);
        Assert.Equal("sha-256", audio.Fingerprint!.Algorithm);
        Assert.Equal(["transport-cc"], audio.RtcpFeedback.Select(f => f.Text));
        Assert.Equal("minptime=10;useinbandfec=1", Assert.Single(audio.Fmtps).Parameters);
        Assert.DoesNotContain(audio.Extmaps, e => e.Uri.Contains("audio-level", StringComparison.Ordinal));
        Assert.Contains(audio.Extmaps, e => e.Id == 4 && e.Uri == RelayMediaPolicy.MidUri);
        Assert.Single(audio.Candidates);
        Assert.True(audio.EndOfCandidates);

        MediaDescription video = answer.Media[1];
        // VP8 + rtx, H264 42001f pm=1 + rtx, H264 42e01f pm=1 + rtx; no VP9/AV1/H265/pm=0/4d001f/red/ulpfec.
        Assert.Equal(["96", "97", "102", "103", "106", "107"], video.Formats);
        Assert.Equal(SdpDirection.RecvOnly, video.Direction);
        Assert.Equal(["q", "h", "f"], video.Rids.Select(r => r.Id));
        Assert.All(video.Rids, r => Assert.Equal("recv", r.Direction));
        Assert.Equal("q;h;f", video.Simulcast!.Recv);
        Assert.Null(video.Simulcast.Send);
        Assert.Equal(
            ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"],
            video.RtcpFeedback.Where(f => f.PayloadType == 96).Select(f => f.Text));
        Assert.Equal(
            [RelayMediaPolicy.AbsSendTimeUri, RelayMediaPolicy.TransportWideCcUri, RelayMediaPolicy.MidUri, RelayMediaPolicy.RtpStreamIdUri, RelayMediaPolicy.RepairedRtpStreamIdUri],
            video.Extmaps.Select(e => e.Uri));
        Assert.Equal("Xk9q", result.RemoteIceUfrag);
        Assert.Equal("7Vh2bYl0qz3Jr1mXnC8sT4uP", result.RemoteIcePwd);
        Assert.StartsWith("8B:3E", result.RemoteFingerprint!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_text_parses_back()
    {
        string text = SdpWriter.Write(AnswerChromium().Answer);
        Assert.Contains("a=ice-lite\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=setup:passive\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=simulcast:recv q;h;f\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n", text, StringComparison.Ordinal);
        SdpParseResult parsed = SdpParser.Parse(text);
        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(6, parsed.Description.Media[1].Codecs.Count);
    }

    [Fact]
    public void Unsupported_video_and_data_channel_are_rejected_with_reasons()
    {
        string offer = string.Join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1 2",
            "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv",
            "a=fingerprint:sha-256 AA:BB", "a=setup:actpass",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "m=video 9 UDP/TLS/RTP/SAVPF 45 46", "c=IN IP4 0.0.0.0", "a=mid:1", "a=sendonly", "a=rtcp-mux",
            "a=rtpmap:45 AV1/90000", "a=rtpmap:46 rtx/90000", "a=fmtp:46 apt=45",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:2", "a=sctp-port:5000", "");
        SessionDescription parsed = SdpParser.Parse(offer).Description!;
        SdpAnswerResult result = SdpAnswerer.CreateAnswer(parsed, Relay());

        Assert.Equal(["m=1 video: no supported codec (offered AV1)", "m=2 application: data channels are not supported"], result.Rejections);
        Assert.Equal([9, 0, 0], result.Answer.Media.Select(m => m.Port));
        Assert.Equal(["0"], result.Answer.BundleGroup!.Mids);
        Assert.Equal("1", result.Answer.Media[1].Mid);
        string text = SdpWriter.Write(result.Answer);
        Assert.Contains("m=video 0 UDP/TLS/RTP/SAVPF 45\r\n", text, StringComparison.Ordinal);
        Assert.Contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=fingerprint:sha-256 AA:BB\r\na=setup:passive", "a=setup")]
    [InlineData("a=setup:actpass\r\na=fingerprint:sha-1 AA:BB", "sha-256")]
    public void Transport_problems_reject_the_section(string replacement, string expected)
    {
        string offer = string.Join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv",
            replacement, "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "");
        SdpAnswerResult result = SdpAnswerer.CreateAnswer(SdpParser.Parse(offer).Description!, Relay());
        Assert.False(result.HasAcceptedMedia);
        Assert.Contains(expected, Assert.Single(result.Rejections), StringComparison.Ordinal);
    }

    [Fact]
    public void Viewer_offer_gets_a_sendonly_answer_announcing_the_relay_stream()
    {
        SessionDescription offer = SdpOfferBuilder.CreateOffer(new SdpOfferOptions
        {
            IceUfrag = "view",
            IcePwd = "viewerpassword012345678",
            FingerprintSha256 = "01:02",
            Tracks = [new SdpOfferTrack("audio", SdpDirection.RecvOnly), new SdpOfferTrack("video", SdpDirection.RecvOnly)],
        });
        SdpParseResult reparsed = SdpParser.Parse(SdpWriter.Write(offer));
        Assert.True(reparsed.Success, reparsed.Error);

        SdpAnswerResult result = SdpAnswerer.CreateAnswer(reparsed.Description, Relay(m =>
            m.Kind == "video" ? new SdpSendStream(1111, 2222, "relay", "lesson-L1", "camera") : null));
        Assert.Empty(result.Rejections);
        MediaDescription audio = result.Answer.Media[0];
        MediaDescription video = result.Answer.Media[1];
        Assert.Equal(SdpDirection.Inactive, audio.Direction); // nothing to send on it yet
        Assert.Equal(SdpDirection.SendOnly, video.Direction);
        Assert.Equal("lesson-L1 camera", video.Msid);
        Assert.Equal([1111u, 2222u], Assert.Single(video.SsrcGroups).Ssrcs);
        Assert.Contains(video.Ssrcs, s => s.Ssrc == 2222 && s.Attribute == "cname" && s.Value == "relay");
        Assert.Empty(video.Rids);
        Assert.Equal(["96", "97", "106", "107"], video.Formats);
    }
}
