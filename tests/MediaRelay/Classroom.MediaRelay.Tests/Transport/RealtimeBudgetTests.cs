using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Tests.Transport;

/// <summary>A media thread stays real-time while it is light and gives it up while busy, so an overloaded relay cannot starve the hub.</summary>
public sealed class RealtimeBudgetTests
{
    private const long Second = 1_000_000; // timestamps in microseconds

    private long _cpuNanos;

    [Fact]
    public void A_busy_thread_goes_back_to_normal_scheduling_and_returns_once_light_again()
    {
        var policy = new List<string>();
        var budget = new RealtimeBudget(10, Second, 0, p => { policy.Add("fifo " + p); return true; }, () => { policy.Add("other"); return true; }, () => _cpuNanos);
        Assert.True(budget.IsRealtime);

        Run(budget, 0, 0.30);                 // 30 % of a core: light enough
        Assert.True(budget.IsRealtime);
        Run(budget, 1, 0.80);                 // 80 %: gives it up
        Assert.False(budget.IsRealtime);
        Run(budget, 2, 0.30);                 // 30 %: between the bounds, stays normal
        Assert.False(budget.IsRealtime);
        Run(budget, 3, 0.10);                 // 10 %: real-time again
        Assert.True(budget.IsRealtime);

        Assert.Equal(["fifo 10", "other", "fifo 10"], policy);
        Assert.Equal(1, budget.Demotions);
    }

    [Fact]
    public void Without_a_priority_or_without_permission_nothing_changes()
    {
        var calls = 0;
        var none = new RealtimeBudget(0, Second, 0, _ => { calls++; return true; }, () => { calls++; return true; }, () => _cpuNanos);
        var refused = new RealtimeBudget(10, Second, 0, _ => { calls++; return false; }, () => { calls++; return true; }, () => _cpuNanos);
        for (var s = 0; s < 3; s++)
        {
            Run(none, s, 0.9);
            Run(refused, s, s == 2 ? 0.05 : 0.9);
        }

        Assert.False(none.IsRealtime);
        Assert.False(refused.IsRealtime);
        Assert.Equal(1, calls); // the one refused request at start; never lowered, never asked again
    }

    [Fact]
    public void The_real_thread_cpu_clock_advances_while_the_thread_works()
    {
        var budget = new RealtimeBudget(0, Second, 0); // the default clock; priority 0 asks for nothing
        Assert.False(budget.IsRealtime);
        var before = RealtimeBudget.ThreadCpuNanos();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while (RealtimeBudget.ThreadCpuNanos() - before < 10_000_000 && wall.ElapsedMilliseconds < 5_000) { }
        var used = RealtimeBudget.ThreadCpuNanos() - before;
        var elapsed = wall.Elapsed.TotalMilliseconds * 1e6;

        Assert.True(used >= 10_000_000, $"the thread's CPU clock counted {used} ns of a {elapsed:0} ns spin");
        Assert.True(used <= elapsed + 1_000_000, $"the thread's CPU clock ({used} ns) ran ahead of the wall clock ({elapsed:0} ns)");
    }

    /// <summary>One second in which the thread ran for <paramref name="share"/> of it, checked by its loop every 10 ms.</summary>
    private void Run(RealtimeBudget budget, int second, double share)
    {
        for (var i = 1; i <= 100; i++)
        {
            _cpuNanos += (long)(10_000_000 * share);
            budget.Check((second * Second) + (i * Second / 100));
        }
    }
}
