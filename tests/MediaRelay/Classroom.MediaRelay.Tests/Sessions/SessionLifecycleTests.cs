using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Sessions;

/// <summary>Consent freshness (RFC 7675) on a fake clock, and fingerprint pinning closing the session.</summary>
public sealed class SessionLifecycleTests
{
    [Fact]
    public async Task Session_without_ice_checks_for_30_s_is_closed_and_leaves_its_room()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await RelayTestHost.StartAsync(time: time);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        player.ConsentPaused = true; // the peer goes silent (a closed laptop lid, a pulled cable)
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Any(s => s.State == SessionState.Connected));
        var session = host.Runtime.Sessions.Single();
        Assert.True(host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out _));

        // The client made its checks at the start and none since: 29 s is still within consent.
        // (Advancing the fake clock also fires the monitor's own 1 s timer.)
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, host.Runtime.Consent.Sweep());
        Assert.Equal(SessionState.Connected, session.State);

        // The monitor's timer runs on the same fake clock, so advancing it sweeps.
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SessionState.Closed, session.State);
        Assert.Empty(host.Runtime.Sessions);
        Assert.False(host.Runtime.Rooms.TryGet(RelayTestHost.Lesson, out _));
    }

    [Fact]
    public async Task Certificate_not_matching_the_offered_fingerprint_closes_the_session()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var wrong = DtlsCertificate.Create(TimeProvider.System).Fingerprint;

        await Assert.ThrowsAsync<InvalidOperationException>(() => RelayClient.ConnectAsync(http,
            new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, wrong, CancellationToken.None));
        await NonBrowserClientTests.WaitUntilAsync(() => !host.Runtime.Sessions.Any());
    }
}
