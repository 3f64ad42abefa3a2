using System.Net;
using Classroom.Identity.Auth;
using Classroom.Server.Tests.Scheduler;
using Classroom.Testing.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Two identity nodes behind one (imagined) nginx: one PostgreSQL account store, one data folder
/// (the scheduler's SQLite file and the data-protection keys), one real redis-server
/// (docs/security.md "Grant changes across nodes"). A change made on node A reaches a session on
/// node B on its next request, although B's clock never moves (so B's security-stamp interval
/// never runs out during the test); with Redis stopped node B keeps serving and catches up once its
/// interval has run out. Node A's clock is 3 s behind node B's: within the clock margin.
/// PostgreSQL and redis-server missing fail the test (under CI=true and elsewhere).
/// </summary>
public sealed class GrantSyncTests : IAsyncLifetime
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(3);
    private const long Probe = 999_999; // no such person: only to see that a message gets through

    private RedisProcess _redis = null!;
    private SchedulerHost _nodeA = null!;
    private SchedulerHost _nodeB = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        var store = (await PostgresServer.SharedAsync()).NewDatabase("grantsync");
        _nodeA = Node(null, seedDemo: true, store);
        _ = _nodeA.Services; // starts node A: migrates the account store and seeds the demo first
        _nodeB = Node(_nodeA.DataFolder, seedDemo: false, store);
        _ = _nodeB.Services;
    }

    private SchedulerHost Node(string? folder, bool seedDemo, string store)
    {
        var node = new SchedulerHost(folder, seedDemo);
        node.Settings["Identity:Provider"] = "postgres";
        node.Settings["Identity:ConnectionString"] = store;
        node.Settings["Identity:Redis"] = _redis.ConnectionString;
        return node;
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        _nodeA.DeleteData();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_role_removed_and_an_account_disabled_on_node_A_hold_at_once_for_a_session_on_node_B()
    {
        var (wangfang, lead, granted) = await SchoolAdminOnNodeBAsync();
        using var teacher = await PageSession.OpenAsync(_nodeB);
        await teacher.SignInOrFailAsync("wangfang");
        await (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).ReadAsync(HttpStatusCode.OK);

        using var admin = _nodeA.Admin();
        await (await admin.DeleteAsync($"/api/people/{wangfang}/grants/{granted}")).ReadAsync(HttpStatusCode.NoContent);
        // B's clock stands still: only the message from A can make B re-read the grants.
        Assert.Equal(HttpStatusCode.Forbidden, await EventuallyAsync(teacher.Client, $"/api/schools/{lead}/people", HttpStatusCode.Forbidden));
        var me = await (await teacher.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK); // not signed out
        Assert.Equal("teacher", (string?)Assert.Single(me["grants"]!.AsArray())!["role"]);

        // Past the margin of that change (B renews the cookie once), then A disables the person.
        Advance(TimeSpan.FromSeconds(10));
        await (await teacher.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        await (await admin.PutJsonAsync($"/api/people/{wangfang}/disabled", new { disabled = true })).ReadAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await EventuallyAsync(teacher.Client, "/api/me", HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task With_redis_stopped_node_B_keeps_serving_and_the_change_holds_after_the_interval_and_at_once_again_when_redis_is_back()
    {
        var (wangfang, lead, granted) = await SchoolAdminOnNodeBAsync();
        using var teacher = await PageSession.OpenAsync(_nodeB);
        await teacher.SignInOrFailAsync("wangfang");
        await (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).ReadAsync(HttpStatusCode.OK);
        await _redis.StopAsync();

        // The publish fails (logged); the admin's request does not.
        using var admin = _nodeA.Admin();
        await (await admin.DeleteAsync($"/api/people/{wangfang}/grants/{granted}")).ReadAsync(HttpStatusCode.NoContent);
        Assert.True(_nodeA.Services.GetRequiredService<GrantChanges>().ChangedSince(wangfang, _nodeA.Clock.GetUtcNow()));
        Assert.False(_nodeB.Services.GetRequiredService<GrantChanges>().ChangedSince(wangfang, _nodeB.Clock.GetUtcNow()));
        await (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).ReadAsync(HttpStatusCode.OK); // stale, until the interval
        await (await teacher.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);

        Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.Client.GetAsync($"/api/schools/{lead}/people")).StatusCode);
        var me = await (await teacher.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("teacher", (string?)Assert.Single(me["grants"]!.AsArray())!["role"]);

        // Redis back: both nodes reconnect and subscribe again by themselves (a probe change on A
        // reaches B), and the next change holds on B at once again.
        await _redis.StartAgainAsync();
        var probe = System.Diagnostics.Stopwatch.StartNew();
        var a = _nodeA.Services.GetRequiredService<GrantChanges>();
        var b = _nodeB.Services.GetRequiredService<GrantChanges>();
        while (!b.ChangedSince(Probe, _nodeB.Clock.GetUtcNow()) && probe.Elapsed < TimeSpan.FromSeconds(20))
        {
            a.Changed(Probe);
            await Task.Delay(100);
        }

        Assert.True(b.ChangedSince(Probe, _nodeB.Clock.GetUtcNow()), "node B did not hear node A after Redis came back");
        await (await admin.PutJsonAsync($"/api/people/{wangfang}/disabled", new { disabled = true })).ReadAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await EventuallyAsync(teacher.Client, "/api/me", HttpStatusCode.Unauthorized));
    }

    /// <summary>
    /// wangfang (the demo teacher) gets school admin of the lead school on node A; then both clocks
    /// move on 30 s (A's to 3 s behind B's), past the margin of that change, so a session opened on
    /// B now is not re-validated on every request for it.
    /// </summary>
    private async Task<(long Person, long School, long Grant)> SchoolAdminOnNodeBAsync()
    {
        using var admin = _nodeA.Admin();
        var people = await (await admin.GetAsync("/api/people?q=wangfang")).ReadAsync(HttpStatusCode.OK);
        var person = people.AsArray().Single(p => (string?)p!["userName"] == "wangfang")!;
        var lead = LeadSchool((string)person["roles"]!.AsArray().Single()!["grant"]!);
        var added = await (await admin.PostJsonAsync($"/api/people/{person.Id()}/grants", new { role = "school-admin", schoolId = lead })).ReadAsync(HttpStatusCode.Created);
        _nodeA.Clock.Advance(TimeSpan.FromSeconds(30) - Skew);
        _nodeB.Clock.Advance(TimeSpan.FromSeconds(30));
        return (person.Id(), lead, added.Id());
    }

    private static long LeadSchool(string grant) =>
        long.Parse(grant.Split(';').Single(part => part.StartsWith("s=", StringComparison.Ordinal))[2..], System.Globalization.CultureInfo.InvariantCulture);

    private void Advance(TimeSpan by)
    {
        _nodeA.Clock.Advance(by);
        _nodeB.Clock.Advance(by);
    }

    /// <summary>GETs <paramref name="url"/> until it answers <paramref name="expected"/> or 10 s pass (Redis delivers asynchronously); returns the last status.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(HttpClient client, string url, HttpStatusCode expected)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await client.GetAsync(url)).StatusCode) != expected && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(25);
        return status;
    }
}
