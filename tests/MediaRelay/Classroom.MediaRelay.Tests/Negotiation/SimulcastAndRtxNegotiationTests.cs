using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Tests.Negotiation;

/// <summary>Simulcast publishers and RTX/REMB players, against Chromium's real offers.</summary>
public sealed class SimulcastAndRtxNegotiationTests
{
    private static readonly IceCandidate[] Candidates = [new("1", "udp", "127.0.0.1", 50000, false)];
    private const string Fingerprint = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
    private static readonly CodecKey Vp8 = new("VP8", 90000, 1, "");
    private static readonly CodecKey H264 = new("H264", 90000, 1, "42e01f/1");

    private static (NegotiationResult Result, SessionDescription Answer) Negotiate(string offer, SessionRole role, CodecKey? video = null)
    {
        Assert.True(SessionNegotiator.TryNegotiate(offer, role, kind => kind == "video" ? video : null, IceCredentials.Generate(), Fingerprint,
            Candidates, out var result, out var error), error);
        var parsed = SdpParser.Parse(result!.AnswerSdp);
        Assert.True(parsed.Success, parsed.Error);
        return (result, parsed.Description!);
    }

    [Fact]
    public void Chromium_simulcast_publisher_gets_rid_recv_simulcast_recv_and_the_three_sdes_extensions()
    {
        var (result, answer) = Negotiate(ChromiumOffers.WhipSimulcast, SessionRole.Publisher);
        var video = result.Tracks.Single(t => t.Kind == "video");
        var section = answer.Media.Single(m => m.Kind == "video");

        Assert.Equal(["l", "m", "h"], video.SimulcastRids);
        Assert.Empty(video.PausedSimulcastRids);
        Assert.Equal(4, video.MidExtensionId);
        Assert.Equal(10, video.RidExtensionId);
        Assert.Equal(11, video.RepairedRidExtensionId);
        Assert.Equal(0, video.AbsSendTimeExtensionId);
        Assert.Equal(0u, video.RtxSsrc);
        Assert.Empty(video.RtxCodecs);
        Assert.Empty(video.RemoteSsrcs); // rid-based simulcast: Chromium announces no a=ssrc; layers are found by rid

        Assert.Equal(SdpDirection.RecvOnly, section.Direction);
        Assert.Equal([(4, RelayMediaPolicy.MidUri), (10, RelayMediaPolicy.RtpStreamIdUri), (11, RelayMediaPolicy.RepairedRtpStreamIdUri)],
            section.Extmaps.Select(e => (e.Id, e.Uri)).Order());
        Assert.Equal([("l", "recv"), ("m", "recv"), ("h", "recv")], section.Rids.Select(r => (r.Id, r.Direction)));
        Assert.Equal(new SdpSimulcast(null, "l;m;h"), section.Simulcast);
        Assert.Contains("a=simulcast:recv l;m;h\r\n", result.AnswerSdp, StringComparison.Ordinal);
        Assert.Contains("a=rid:l recv\r\n", result.AnswerSdp, StringComparison.Ordinal);

        // One codec, no rtx: the publisher retransmits on the media SSRC, which the relay already handles.
        var codec = Assert.Single(section.Codecs);
        Assert.Equal("VP8", codec.EncodingName);
        Assert.DoesNotContain("rtx/", result.AnswerSdp, StringComparison.Ordinal);
        Assert.Equal(["ccm fir", "nack", "nack pli"], section.RtcpFeedback.Select(f => f.Text).Order());

        // Chromium's send estimate starts at what the three layers need, so the top one is sent at once.
        Assert.Equal("2200", section.Fmtps.Single(f => f.PayloadType == codec.PayloadType).Get("x-google-start-bitrate"));

        // Audio keeps no extensions and no simulcast.
        var audio = answer.Media.Single(m => m.Kind == "audio");
        Assert.Empty(audio.Extmaps);
        Assert.Null(audio.Simulcast);
        Assert.Empty(result.Tracks.Single(t => t.Kind == "audio").SimulcastRids);
    }

    [Fact]
    public void Paused_rids_are_kept_in_order_and_marked()
    {
        var offer = ChromiumOffers.WhipSimulcast.Replace("a=simulcast:send l;m;h", "a=simulcast:send ~l;m;h", StringComparison.Ordinal);
        var (result, answer) = Negotiate(offer, SessionRole.Publisher);
        var video = result.Tracks.Single(t => t.Kind == "video");
        Assert.Equal(["l", "m", "h"], video.SimulcastRids);
        Assert.Equal(["l"], video.PausedSimulcastRids);
        Assert.Equal("~l;m;h", answer.Media.Single(m => m.Kind == "video").Simulcast!.Recv);
    }

    [Fact]
    public void Rids_without_an_a_rid_line_are_left_out_of_the_layers()
    {
        var offer = ChromiumOffers.WhipSimulcast.Replace("a=rid:m send\r\n", "", StringComparison.Ordinal);
        var (result, answer) = Negotiate(offer, SessionRole.Publisher);
        Assert.Equal(["l", "h"], result.Tracks.Single(t => t.Kind == "video").SimulcastRids);
        var section = answer.Media.Single(m => m.Kind == "video");
        Assert.Equal("l;h", section.Simulcast!.Recv);
        Assert.Equal(["l", "h"], section.Rids.Select(r => r.Id));
    }

    [Fact]
    public void Simulcast_without_the_rtp_stream_id_extension_is_declined_and_no_extension_is_kept()
    {
        var offer = ChromiumOffers.WhipSimulcast.Replace("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n", "", StringComparison.Ordinal);
        var (result, answer) = Negotiate(offer, SessionRole.Publisher);
        var video = result.Tracks.Single(t => t.Kind == "video");
        Assert.Empty(video.SimulcastRids);
        Assert.Equal(0, video.MidExtensionId);
        var section = answer.Media.Single(m => m.Kind == "video");
        Assert.Null(section.Simulcast);
        Assert.Empty(section.Rids);
        Assert.Empty(section.Extmaps);
    }

    [Fact]
    public void Chromium_player_keeps_rtx_abs_send_time_and_remb_and_announces_an_fid_group()
    {
        var (result, answer) = Negotiate(ChromiumOffers.WhepRecvOnly, SessionRole.Player);
        var video = result.Tracks.Single(t => t.Kind == "video");
        var section = answer.Media.Single(m => m.Kind == "video");

        Assert.Equal(["VP8", "H264", "H264"], video.Codecs.Select(c => c.EncodingName)); // 42001f and 42e01f, mode 1
        Assert.All(video.Codecs, c => Assert.True(CodecPolicy.IsPrimary(c)));
        Assert.Equal(96, video.PayloadTypeFor(Vp8));
        Assert.Equal(97, video.RtxPayloadTypeFor(Vp8));
        var h264 = video.PayloadTypeFor(H264);
        Assert.Equal(NegotiatedTrack.AssociatedPayloadType(video.RtxCodecs.Single(c => c.PayloadType == video.RtxPayloadTypeFor(H264))), h264);
        Assert.Equal(-1, video.RtxPayloadTypeFor(new CodecKey("VP9", 90000, 1, "")));
        Assert.Equal(video.Codecs.Count, video.RtxCodecs.Count);

        // Every kept rtx names a kept primary, in the answer too (rtpmap + fmtp apt).
        var primaries = video.Codecs.Select(c => c.PayloadType).ToHashSet();
        var answeredRtx = section.Codecs.Where(c => c.EncodingName == "rtx").ToArray();
        Assert.Equal(video.RtxCodecs.Select(c => c.PayloadType).Order(), answeredRtx.Select(c => c.PayloadType).Order());
        Assert.All(answeredRtx, c => Assert.Contains(NegotiatedTrack.AssociatedPayloadType(c), primaries));
        Assert.All(answeredRtx, c => Assert.Equal(90000, c.ClockRate));

        Assert.NotEqual(0u, video.RtxSsrc);
        Assert.NotEqual(video.LocalSsrc, video.RtxSsrc);
        var fid = Assert.Single(section.SsrcGroups);
        Assert.Equal("FID", fid.Semantics);
        Assert.Equal([video.LocalSsrc, video.RtxSsrc], fid.Ssrcs);
        var msid = section.Ssrcs.Single(s => s.Ssrc == video.LocalSsrc && s.Attribute == "msid").Value;
        Assert.Equal(msid, section.Ssrcs.Single(s => s.Ssrc == video.RtxSsrc && s.Attribute == "msid").Value);
        Assert.Contains(section.Ssrcs, s => s.Ssrc == video.RtxSsrc && s.Attribute == "cname");

        Assert.Equal(2, video.AbsSendTimeExtensionId);
        Assert.Equal([(2, RelayMediaPolicy.AbsSendTimeUri)], section.Extmaps.Select(e => (e.Id, e.Uri)));
        Assert.True(video.SupportsRemb);
        Assert.All(video.Codecs, c => Assert.Equal(["ccm fir", "goog-remb", "nack", "nack pli"],
            section.RtcpFeedback.Where(f => f.PayloadType == c.PayloadType).Select(f => f.Text).Order()));
        Assert.DoesNotContain(section.RtcpFeedback, f => f.Text == "transport-cc");
        Assert.DoesNotContain(section.RtcpFeedback, f => answeredRtx.Any(r => r.PayloadType == f.PayloadType));
        Assert.Empty(section.Rids);
        Assert.Null(section.Simulcast);

        var audio = result.Tracks.Single(t => t.Kind == "audio");
        Assert.Equal(0u, audio.RtxSsrc);
        Assert.Equal(0, audio.AbsSendTimeExtensionId);
        Assert.False(audio.SupportsRemb);
        var audioSection = answer.Media.Single(m => m.Kind == "audio");
        Assert.Empty(audioSection.Extmaps);
        Assert.Empty(audioSection.SsrcGroups);
        Assert.Equal([audio.LocalSsrc], audioSection.Ssrcs.Select(s => s.Ssrc).Distinct());
    }

    [Fact]
    public void Player_without_rtx_or_remb_in_the_offer_gets_neither()
    {
        var lines = ChromiumOffers.WhepRecvOnly.Split("\r\n").Where(l => !l.Contains("goog-remb", StringComparison.Ordinal)).ToList();
        var rtxTypes = lines.Where(l => l.StartsWith("a=rtpmap:", StringComparison.Ordinal) && l.Contains(" rtx/", StringComparison.Ordinal))
            .Select(l => l["a=rtpmap:".Length..l.IndexOf(' ', StringComparison.Ordinal)]).ToHashSet();
        lines.RemoveAll(l => rtxTypes.Any(pt => l.StartsWith($"a=rtpmap:{pt} ", StringComparison.Ordinal) || l.StartsWith($"a=fmtp:{pt} ", StringComparison.Ordinal)));
        var (result, answer) = Negotiate(string.Join("\r\n", lines), SessionRole.Player);
        var video = result.Tracks.Single(t => t.Kind == "video");
        var section = answer.Media.Single(m => m.Kind == "video");

        Assert.Empty(video.RtxCodecs);
        Assert.Equal(0u, video.RtxSsrc);
        Assert.Equal(-1, video.RtxPayloadTypeFor(Vp8));
        Assert.False(video.SupportsRemb);
        Assert.Empty(section.SsrcGroups);
        Assert.Equal([video.LocalSsrc], section.Ssrcs.Select(s => s.Ssrc).Distinct());
    }

    [Fact]
    public void Rtx_payload_type_lookup_allocates_only_when_the_publishers_codec_changes()
    {
        var (result, _) = Negotiate(ChromiumOffers.WhepRecvOnly, SessionRole.Player);
        var video = result.Tracks.Single(t => t.Kind == "video");
        Assert.Equal(97, video.RtxPayloadTypeFor(Vp8));
        Lookups(video, 100); // warm-up: JIT done
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = Lookups(video, 10_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000 * (97 + 96), sum);
    }

    // Fully optimised from the first call: no tier-up or on-stack replacement (which allocate) inside the measurement.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int Lookups(NegotiatedTrack video, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++) sum += video.RtxPayloadTypeFor(Vp8) + video.PayloadTypeFor(Vp8);
        return sum;
    }

    [Fact]
    public void Non_simulcast_publisher_still_gets_no_extensions()
    {
        var lines = ChromiumOffers.WhipSimulcast.Split("\r\n").Where(l => !l.StartsWith("a=rid:", StringComparison.Ordinal) && !l.StartsWith("a=simulcast:", StringComparison.Ordinal));
        var (result, answer) = Negotiate(string.Join("\r\n", lines), SessionRole.Publisher);
        Assert.All(answer.Media, m => Assert.Empty(m.Extmaps));
        Assert.All(result.Tracks, t => Assert.Equal((0, 0, 0), (t.MidExtensionId, t.RidExtensionId, t.RepairedRidExtensionId)));
        Assert.Empty(result.Tracks.Single(t => t.Kind == "video").SimulcastRids);
        Assert.DoesNotContain("x-google-start-bitrate", result.AnswerSdp, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulcast_start_bitrate_is_appended_to_an_existing_h264_fmtp()
    {
        var h264 = new CodecKey("H264", 90000, 1, "42e01f/1");
        var (_, answer) = Negotiate(ChromiumOffers.WhipSimulcast, SessionRole.Publisher, h264);
        var section = answer.Media.Single(m => m.Kind == "video");
        var fmtp = Assert.Single(section.Fmtps);
        Assert.Equal("1", fmtp.Get("packetization-mode"));
        Assert.Equal("42e01f", fmtp.Get("profile-level-id"));
        Assert.Equal("2200", fmtp.Get("x-google-start-bitrate"));
    }
}
