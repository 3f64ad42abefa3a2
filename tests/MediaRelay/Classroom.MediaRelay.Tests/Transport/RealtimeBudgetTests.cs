using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Tests.Transport;

/// <summary>A media thread stays real-time while it is light and gives it up while busy, so an overloaded relay cannot starve the hub.</summary>
public sealed class RealtimeBudgetTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void A_busy_thread_goes_back_to_normal_scheduling_and_returns_once_light_again()
    {
        var policy = new List<string>();
        var budget = new RealtimeBudget(10, Second, 0, p => { policy.Add("fifo " + p); return true; }, () => { policy.Add("other"); return true; });
        Assert.True(budget.IsRealtime);

        Work(budget, 0, 0.25);                // 25 % of a core: light enough
        Assert.True(budget.IsRealtime);
        Work(budget, 1, 0.8);                 // 80 %: gives it up
        Assert.False(budget.IsRealtime);
        Work(budget, 2, 0.3);                 // 30 %: between the bounds, stays normal
        Assert.False(budget.IsRealtime);
        Work(budget, 3, 0.1);                 // 10 %: real-time again
        Assert.True(budget.IsRealtime);

        Assert.Equal(["fifo 10", "other", "fifo 10"], policy);
        Assert.Equal(1, budget.Demotions);
    }

    [Fact]
    public void Without_a_priority_or_without_permission_nothing_changes()
    {
        var calls = 0;
        var none = new RealtimeBudget(0, Second, 0, _ => { calls++; return true; }, () => { calls++; return true; });
        var refused = new RealtimeBudget(10, Second, 0, _ => { calls++; return false; }, () => { calls++; return true; });
        for (var s = 0; s < 3; s++)
        {
            Work(none, s, 0.9);
            Work(refused, s, s == 2 ? 0.05 : 0.9);
        }

        Assert.False(none.IsRealtime);
        Assert.False(refused.IsRealtime);
        Assert.Equal(1, calls); // the one refused request at start; never lowered, never asked again
    }

    /// <summary>One second of rounds (10 ms each) busy for <paramref name="share"/> of it, then the wake that ends it.</summary>
    private static void Work(RealtimeBudget budget, int second, double share)
    {
        var round = Second / 100;
        for (var i = 0; i < 100; i++)
        {
            var start = (second * Second) + (i * round);
            budget.OnBusy(start, start + (long)(round * share));
        }

        budget.OnBusy((second + 1) * Second, (second + 1) * Second); // the next wake closes the second
    }
}
