using System.Net;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Protocols.Tests.Sdp;
using Classroom.MediaRelay.Tests.Infrastructure;
using Classroom.MediaRelay.Tests.Negotiation;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>
/// Max-bundle offers in the shape third-party peers send (issue 10), POSTed to the real relay:
/// 201, every section bundled, every track negotiated, and a rejected section's reason logged.
/// </summary>
public sealed class ThirdPartyOfferTests
{
    [Fact]
    public async Task A_Firefox_max_bundle_studio_gets_201_with_both_video_tracks()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var offer = MaxBundleNegotiationTests.Fixture("firefox-max-bundle-offer.sdp");

        using var created = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whip/" + RelayTestHost.Lesson, offer, token: host.TeacherToken());

        var answerText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, answerText);
        var answer = SdpParser.Parse(answerText).Description!;
        Assert.Equal(["0", "1", "2"], answer.BundleGroup!.Mids);
        Assert.Equal([9, 9, 9], answer.Media.Select(m => m.Port));
        Assert.Empty(StrictAnswerChecker.Problems(answerText, offer));
        var session = Assert.Single(host.Runtime.Sessions);
        Assert.Equal([("audio", "0"), ("video", "1"), ("video", "2")], session.Tracks.Select(t => (t.Kind, t.Mid)));
    }

    [Fact]
    public async Task A_webrtcbin_publisher_gets_an_answer_a_strict_parser_accepts_and_the_dropped_data_channel_is_logged()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await RelayTestHost.StartAsync(logs: logs);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        // webrtcbin adds a bundle-only data channel section when the application asked for one.
        var offer = MaxBundleNegotiationTests.Fixture("webrtcbin-1.22-max-bundle-offer.sdp")
            .Replace("a=group:BUNDLE video0 audio1", "a=group:BUNDLE video0 audio1 application2", StringComparison.Ordinal)
            + "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=bundle-only\r\na=setup:actpass\r\n"
            + "a=mid:application2\r\na=sctp-port:5000\r\n";

        using var created = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whip/" + RelayTestHost.Lesson, offer, token: host.TeacherToken());

        var answerText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, answerText);
        Assert.Equal(["video0", "audio1"], SdpParser.Parse(answerText).Description!.BundleGroup!.Mids);
        Assert.Empty(StrictAnswerChecker.Problems(answerText, offer));

        var rejected = Assert.Single(logs.Records, r => r.EventId.Id == 12);
        Assert.Equal(2, rejected.Fields["Index"]);
        Assert.Equal("application", rejected.Fields["Kind"]);
        Assert.Equal("application2", rejected.Fields["Mid"]);
        Assert.Equal("data channels are not supported", rejected.Fields["Reason"]);
        Assert.Equal(RelayTestHost.Lesson, rejected.Fields["LessonId"]);
        Assert.Equal(nameof(SessionRole.Publisher), rejected.Fields["Role"]);
    }

    [Fact]
    public async Task A_refused_offer_logs_each_section_and_the_refusal()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await RelayTestHost.StartAsync(logs: logs);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var offer = MaxBundleNegotiationTests.Fixture("webrtcbin-1.22-max-bundle-offer.sdp");

        // A publisher's offer on the player endpoint: both sections fail the direction rule.
        using var refused = await RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, offer, token: host.ClassroomToken());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["video0", "audio1"], logs.Records.Where(r => r.EventId.Id == 12).Select(r => (string)r.Fields["Mid"]!));
        Assert.Contains("no m-line the relay can use", Assert.Single(logs.Records, r => r.EventId.Id == 13).Message, StringComparison.Ordinal);
    }
}
