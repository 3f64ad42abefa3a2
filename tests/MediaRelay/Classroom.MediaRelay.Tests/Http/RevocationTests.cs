using System.Net;
using Classroom.Contracts.Access;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>A published <see cref="Revocation"/> ends the live sessions it allowed and refuses its tokens afterwards.</summary>
public sealed class RevocationTests
{
    [Fact]
    public async Task A_revoked_device_loses_its_live_session_and_its_token_is_refused_afterwards()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var revoked = host.ClassroomTokenFor("device:7");
        var bystander = host.ClassroomTokenFor("device:8");
        using var mine = await PostAsync(http, revoked);
        using var theirs = await PostAsync(http, bystander);
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        var session = Session(host, mine);

        host.Services.GetRequiredService<Revocations>().Publish(
            new Revocation("device:7", null, null, TimeProvider.System.GetUtcNow().AddHours(1), "device revoked by school admin"));

        Assert.Equal(SessionState.Closed, session.State);
        Assert.Equal(Session(host, theirs).Id, Assert.Single(host.Runtime.Sessions).Id);
        using (var again = await PostAsync(http, revoked))
            await ResourceOwnershipTests.AssertProblemAsync(again, HttpStatusCode.Forbidden, "Join token revoked");
        // A fresh token for the same subject is covered by the subject revocation as well.
        using (var fresh = await PostAsync(http, host.ClassroomTokenFor("device:7")))
            await ResourceOwnershipTests.AssertProblemAsync(fresh, HttpStatusCode.Forbidden, "Join token revoked");
        using (var other = await PostAsync(http, bystander))
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(0, host.Runtime.Quota.OfSubject("device:7"));
    }

    [Fact]
    public async Task Revoking_a_stage_token_closes_only_the_sessions_it_opened()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var stage = host.ClassroomTokenFor("room:7", tokenId: "stage-token-1");
        var play = host.ClassroomTokenFor("room:7", tokenId: "play-token-1");
        using var onStage = await PostAsync(http, stage);
        using var watching = await PostAsync(http, play);
        var stageSession = Session(host, onStage);

        host.Services.GetRequiredService<Revocations>().Publish(
            new Revocation(null, "stage-token-1", RelayTestHost.Lesson, TimeProvider.System.GetUtcNow().AddMinutes(30), "taken off stage"));

        Assert.Equal(SessionState.Closed, stageSession.State);
        Assert.Equal(Session(host, watching).Id, Assert.Single(host.Runtime.Sessions).Id);
        using (var again = await PostAsync(http, stage))
            await ResourceOwnershipTests.AssertProblemAsync(again, HttpStatusCode.Forbidden, "Join token revoked");
        using (var stillPlaying = await PostAsync(http, play))
            Assert.Equal(HttpStatusCode.Created, stillPlaying.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token) =>
        RelayHttp.SendAsync(http, HttpMethod.Post, "/whep/" + RelayTestHost.Lesson, RelayHttp.Offer(SessionRole.Player), token: token);

    private static RelaySession Session(RelayTestHost host, HttpResponseMessage created)
    {
        var id = created.Headers.Location!.ToString().Split('/')[^1];
        Assert.True(host.Runtime.TryGetSession(id, out var session) && session is not null, $"session {id} is not live");
        return session!;
    }
}
