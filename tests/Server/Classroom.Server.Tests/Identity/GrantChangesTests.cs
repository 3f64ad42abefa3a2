using System.Net;
using Classroom.Identity.Auth;
using Classroom.Server.Tests.Scheduler;
using Classroom.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// The in-memory side of <see cref="GrantChanges"/> (docs/security.md "Grant changes across
/// nodes"): the clock margin both ways, another node's future time taken as at most now + margin,
/// entries gone after one interval, and a flood of changes kept to <see cref="GrantChanges.MaxEntries"/>.
/// </summary>
public sealed class GrantChangesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly CalendarClock _clock = new(Start);
    private readonly GrantChanges _changes;

    public GrantChangesTests() => _changes = new GrantChanges(_clock, Options.Create(new SecurityStampValidatorOptions { ValidationInterval = TimeSpan.FromMinutes(1) }));

    [Fact]
    public void A_change_counts_for_sessions_issued_before_it_and_up_to_the_margin_after_it()
    {
        _changes.Record(7, Start);
        Assert.True(_changes.ChangedSince(7, Start.AddMinutes(-10)));
        Assert.True(_changes.ChangedSince(7, Start + GrantChanges.ClockMargin));
        Assert.False(_changes.ChangedSince(7, Start + GrantChanges.ClockMargin + TimeSpan.FromSeconds(1)));
        Assert.False(_changes.ChangedSince(8, Start.AddMinutes(-10)));
        Assert.False(_changes.ChangedSince(7, null));
        _changes.Record(7, Start.AddSeconds(-30)); // an older message does not move the newer change back
        Assert.True(_changes.ChangedSince(7, Start));
    }

    [Fact]
    public void Another_nodes_future_time_is_cut_to_the_margin_and_old_changes_go_after_the_interval()
    {
        _changes.Record(1, Start.AddHours(1));
        Assert.False(_changes.ChangedSince(1, Start + GrantChanges.ClockMargin * 2 + TimeSpan.FromSeconds(1)));
        Assert.True(_changes.ChangedSince(1, Start + GrantChanges.ClockMargin * 2));
        _changes.Record(2, Start.AddMinutes(-5)); // older than any cookie it could still concern
        Assert.Equal(1, _changes.Count);

        _clock.Advance(TimeSpan.FromMinutes(2));
        _changes.Changed(3);
        Assert.Equal(1, _changes.Count);
        Assert.False(_changes.ChangedSince(1, Start));
    }

    [Fact]
    public void A_flood_of_changes_keeps_at_most_the_newest_max_entries()
    {
        for (var i = 0; i < GrantChanges.MaxEntries + 500; i++)
        {
            if (i % 1000 == 0) _clock.Advance(TimeSpan.FromMilliseconds(1));
            _changes.Changed(i);
        }

        Assert.InRange(_changes.Count, 1, GrantChanges.MaxEntries);
        Assert.True(_changes.ChangedSince(GrantChanges.MaxEntries + 499, Start));
    }

    [Fact]
    public async Task A_node_whose_redis_is_unreachable_starts_and_its_changes_still_succeed()
    {
        var closed = Classroom.Testing.Stores.RedisProcess.FreePort(); // nothing listens there
        using var host = new SchedulerHost();
        host.Settings["Identity:Redis"] = $"127.0.0.1:{closed},abortConnect=false,connectTimeout=500";
        try
        {
            using var admin = host.Admin();
            var people = await (await admin.GetAsync("/api/people?q=wangfang")).ReadAsync(HttpStatusCode.OK);
            var wangfang = people.AsArray().Single(p => (string?)p!["userName"] == "wangfang")!.Id();
            await (await admin.PutJsonAsync($"/api/people/{wangfang}/disabled", new { disabled = true })).ReadAsync(HttpStatusCode.NoContent);
            Assert.True(host.Services.GetRequiredService<GrantChanges>().ChangedSince(wangfang, host.Clock.GetUtcNow()));
        }
        finally
        {
            host.DeleteData();
        }
    }
}
