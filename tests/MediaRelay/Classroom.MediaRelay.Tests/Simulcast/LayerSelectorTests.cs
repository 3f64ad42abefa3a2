using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Simulcast;

namespace Classroom.MediaRelay.Tests.Simulcast;

public sealed class LayerSelectorTests
{
    private static long S(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    private static byte Loss(double fraction) => (byte)(fraction * 256);

    [Fact]
    public void Starts_on_mid_without_an_estimate_and_never_above_the_ceiling()
    {
        Assert.Equal(LayerSelector.Mid, new LayerSelector().TargetLayer);
        Assert.Equal(LayerSelector.Low, new LayerSelector(LayerSelector.Low).TargetLayer);
        Assert.Equal(LayerSelector.Mid, new LayerSelector(LayerSelector.High).TargetLayer);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_600_kbit_bottleneck_ends_on_the_lowest_layer_within_5_s_holds_it_and_lifting_it_at_12_s_reaches_the_top_within_15_s(bool reportDelivery)
    {
        var link = new LinkSimulation(new LayerSelector(), reportDelivery) { Capacity = 600_000 };
        Assert.True(LinkSimulation.Demand(LayerSelector.Mid) > 600_000); // mid does not fit either
        Assert.True(LinkSimulation.Demand(LayerSelector.Low) < 600_000);

        double? low = null;
        link.RunUntil(5, l => low ??= l.Delivered == LayerSelector.Low ? l.Now / (double)TimeSpan.TicksPerSecond : null);
        Assert.True(low <= 5, $"low reached at {low} s");

        // Under the limit: settled on low, no probe into a link that just congested (CongestionHold).
        var aboveLow = 0L;
        link.RunUntil(12, l => aboveLow += l.Delivered > LayerSelector.Low ? 1 : 0);
        Assert.Equal(0, aboveLow);

        link.Capacity = long.MaxValue;
        double? top = null;
        link.RunUntil(60, l => top ??= l.Delivered == LayerSelector.High ? l.Now / (double)TimeSpan.TicksPerSecond : null);
        Assert.NotNull(top);
        Assert.True(top <= 12 + 15, $"top layer reached at {top} s, limit lifted at 12 s; switches {string.Join(", ", link.Switches)}");
        Assert.Equal(LayerSelector.High, link.Selector.TargetLayer);
        Assert.Equal(LayerSelector.BaseWait, link.Selector.ProbeWait); // held 20 s: the wait is reset
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_limit_lifted_after_a_failed_probe_is_climbed_after_the_doubled_wait(bool reportDelivery)
    {
        var link = new LinkSimulation(new LayerSelector(), reportDelivery) { Capacity = 600_000 };
        link.RunUntil(20);
        var probes = link.Switches.Count(s => s.Seconds > 5 && s.Layer > LayerSelector.Low);
        Assert.Equal(1, probes); // the first probe, after the hold, fails under the limit
        link.Capacity = long.MaxValue;
        double? top = null;
        link.RunUntil(80, l => top ??= l.Delivered == LayerSelector.High ? l.Now / (double)TimeSpan.TicksPerSecond : null);
        Assert.True(top <= 20 + 35, $"top layer reached at {top} s, limit lifted at 20 s; switches {string.Join(", ", link.Switches)}");
    }

    [Fact]
    public void Starting_on_a_free_link_reaches_the_top_by_probing_and_stays()
    {
        var link = new LinkSimulation(new LayerSelector());
        link.RunUntil(60);
        Assert.Equal([(3.0, LayerSelector.High)], link.Switches.Select(s => (Math.Round(s.Seconds, 1), s.Layer)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_persistent_bottleneck_is_probed_no_more_often_than_the_doubling_wait_allows(bool reportDelivery)
    {
        var link = new LinkSimulation(new LayerSelector(), reportDelivery) { Capacity = 600_000 };
        link.RunUntil(300);

        var ups = link.Switches.Where(s => s.Layer > LayerSelector.Low).Select(s => s.Seconds).ToArray();
        var downs = link.Switches.Where(s => s.Layer == LayerSelector.Low).Select(s => s.Seconds).ToArray();
        Assert.True(ups.Length >= 5, string.Join(", ", link.Switches));
        // Each probe comes at least the wait after the previous one failed: 3, 6, 12, 24, then 30 s.
        var wait = 3.0;
        for (var i = 0; i < ups.Length; i++)
        {
            var previousDown = downs.Last(d => d < ups[i]);
            Assert.True(ups[i] - previousDown >= wait - 0.05, $"probe {i} at {ups[i]} s came {ups[i] - previousDown} s after a failure, wait {wait} s");
            wait = Math.Min(wait * 2, 30);
        }

        Assert.InRange(ups.Length, 5, 3 + (300 / 30));
        Assert.Equal(LayerSelector.MaxWait, link.Selector.ProbeWait);
        // Every probe failed and went back down within 2 s.
        Assert.All(ups, u => Assert.Contains(downs, d => d > u && d - u <= 2.05));
    }

    [Fact]
    public void A_switch_still_waiting_for_its_keyframe_is_not_climbed_past_and_is_judged_from_its_delivery()
    {
        var selector = new LayerSelector(now: 0);
        selector.SetLayerBitrates(LinkSimulation.Layers);
        selector.OnLayerDelivered(LayerSelector.Mid, 0);
        selector.OnLoss(Loss(0.3), S(1));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        selector.OnLayerDelivered(LayerSelector.Low, S(1.3));
        selector.Tick(S(16.2));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer); // the congestion hold (15 s from the delivered down-switch)
        selector.Tick(S(16.3));
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer); // the probe

        // Mid's keyframe does not come: the player is still on low, so nothing about mid is known.
        for (var t = 17; t <= 40; t++) selector.Tick(S(t));
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer);
        Assert.Equal(LayerSelector.CongestionHold, selector.ProbeWait);

        selector.OnLayerDelivered(LayerSelector.Mid, S(40.5));
        selector.Tick(S(43.4));
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer); // held 2.9 s since delivery, not 3
        selector.Tick(S(43.5));
        Assert.Equal(LayerSelector.High, selector.TargetLayer);

        // A failure soon after the *delivery* of high (not of the decision) doubles the wait.
        selector.OnLayerDelivered(LayerSelector.High, S(50));
        selector.OnLoss(Loss(0.3), S(69));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        Assert.Equal(S(30), selector.ProbeWait); // the hold's 15 s, doubled
    }

    [Fact]
    public void Reports_in_the_second_after_a_delivered_down_switch_do_not_cascade()
    {
        var selector = new LayerSelector(now: 0);
        selector.SetLayerBitrates(LinkSimulation.Layers);
        selector.OnLayerDelivered(LayerSelector.Mid, 0);
        selector.Tick(S(3));
        selector.OnLayerDelivered(LayerSelector.High, S(3.2));
        selector.OnLoss(Loss(0.3), S(30));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer); // congestion: straight to the safe layer
        selector.OnLayerDelivered(LayerSelector.Low, S(30.8)); // low's keyframe came 0.8 s later
        selector.OnLoss(Loss(0.4), S(31.5)); // still mostly about high
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        selector.OnRemb(2_000_000, S(40)); // plenty of estimate, but within the congestion hold
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
    }

    [Fact]
    public void The_ceiling_is_respected_on_a_free_link_and_lowering_it_moves_the_target_at_once()
    {
        var mid = new LinkSimulation(new LayerSelector(LayerSelector.Mid));
        mid.RunUntil(60, l => Assert.True(l.Selector.TargetLayer <= LayerSelector.Mid));
        Assert.Equal(LayerSelector.Mid, mid.Selector.TargetLayer);

        var low = new LinkSimulation(new LayerSelector(LayerSelector.Low));
        low.RunUntil(60, l => Assert.Equal(LayerSelector.Low, l.Selector.TargetLayer));

        var free = new LinkSimulation(new LayerSelector());
        free.RunUntil(10);
        Assert.Equal(LayerSelector.High, free.Selector.TargetLayer);
        free.Selector.MaxLayer = LayerSelector.Low;
        Assert.Equal(LayerSelector.Low, free.Selector.TargetLayer);
        free.RunUntil(60, l => Assert.Equal(LayerSelector.Low, l.Selector.TargetLayer));
    }

    [Fact]
    public void Loss_above_10_percent_goes_straight_to_the_lowest_layer_and_stays_there_through_the_hold()
    {
        var selector = new LayerSelector(now: 0);
        selector.SetLayerBitrates(LinkSimulation.Layers);
        selector.Tick(S(3));
        Assert.Equal(LayerSelector.High, selector.TargetLayer);

        selector.OnLoss(Loss(0.09), S(30));
        Assert.Equal(LayerSelector.High, selector.TargetLayer); // 9 %: not clean, but no switch
        selector.OnLoss(Loss(0.11), S(31));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        selector.OnLoss(Loss(0.30), S(31.5)); // still describes the old layer
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        for (var t = 32; t < 46; t++) selector.Tick(S(t));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer); // no probe within 15 s of the congestion
        selector.Tick(S(46.5)); // 15 s after the last lossy report
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer);
    }

    [Fact]
    public void A_falling_estimate_below_the_layer_goes_straight_to_the_layer_it_covers_but_a_rising_one_is_left_to_ramp()
    {
        var selector = new LayerSelector(now: 0);
        selector.SetLayerBitrates(LinkSimulation.Layers);
        selector.Tick(S(3));
        Assert.Equal(LayerSelector.High, selector.TargetLayer);

        selector.OnRemb(600_000, S(4)); // first estimate: the receiver's ramp starts low
        selector.OnRemb(700_000, S(5)); // rising after the up-switch
        Assert.Equal(LayerSelector.High, selector.TargetLayer);
        selector.OnRemb(700_000, S(6)); // flat below 0.9 × 1.5 M: the receiver holding, not a verdict
        Assert.Equal(LayerSelector.High, selector.TargetLayer);
        selector.OnRemb(1_400_000, S(7));
        selector.OnRemb(1_360_000, S(7.5)); // falling, but still above 0.9 × 1.5 M
        Assert.Equal(LayerSelector.High, selector.TargetLayer);
        selector.OnRemb(120_000, S(8)); // collapse: below 0.9 × mid too
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);

        var second = new LayerSelector(now: 0);
        second.SetLayerBitrates(LinkSimulation.Layers);
        second.Tick(S(3));
        second.OnRemb(2_000_000, S(4));
        second.OnRemb(1_000_000, S(5)); // covers mid (≥ 0.9 × 500 k)
        Assert.Equal(LayerSelector.Mid, second.TargetLayer);
    }

    [Fact]
    public void An_estimate_with_room_goes_up_after_3_s_clean_even_when_failed_probes_made_the_wait_long()
    {
        var selector = new LayerSelector(now: 0);
        selector.SetLayerBitrates([150_000, 200_000, 260_000]); // close layers: a REMB can vouch for the next one
        selector.OnLoss(Loss(0.3), S(1));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        for (var probe = 0; probe < 3; probe++)
        {
            var before = selector.ProbeWait;
            var t = S(2 + (probe * 40));
            selector.Tick(t + before);
            Assert.Equal(LayerSelector.Mid, selector.TargetLayer);
            selector.OnLoss(Loss(0.3), t + before + S(1));
            Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        }

        Assert.Equal(LayerSelector.MaxWait, selector.ProbeWait); // 15 s hold → 30 (the cap)
        var now = S(2 + 80 + 30 + 2); // 1 s after the last failure: far from the 30 s a probe needs
        selector.OnLoss(0, now);
        selector.OnRemb(230_000, now + S(1)); // ≥ 1.2 × 200 k... not yet 3 s clean
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        selector.OnRemb(250_000, now + S(3));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer); // 3 s clean, but within the congestion hold
        selector.OnRemb(250_000, now + S(14)); // 15 s after the last down-switch
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer);
    }

    [Fact]
    public void Absent_layers_are_never_chosen()
    {
        var two = new LinkSimulation(new LayerSelector());
        two.Selector.SetLayerBitrates([150_000, 500_000]);
        two.RunUntil(1);
        two.Selector.SetLayerBitrates([150_000, 500_000]);
        for (var i = 0; i < 60; i++)
        {
            two.RunUntil(2 + i);
            two.Selector.SetLayerBitrates([150_000, 500_000]); // the studio sends only two
            Assert.True(two.Selector.TargetLayer <= LayerSelector.Mid);
        }

        var gap = new LayerSelector(now: 0);
        gap.SetLayerBitrates([150_000, 0, 1_500_000]); // mid paused: the target leaves it at once
        Assert.Equal(LayerSelector.Low, gap.TargetLayer);
        gap.Tick(S(3));
        Assert.Equal(LayerSelector.High, gap.TargetLayer);

        var none = new LayerSelector(LayerSelector.Mid, 0);
        none.SetLayerBitrates([0, 0, 1_500_000]); // nothing under the ceiling: stays under it regardless
        none.Tick(S(100));
        Assert.True(none.TargetLayer <= LayerSelector.Mid);
    }

    [Fact]
    public void The_wait_resets_after_an_up_switch_holds_20_s()
    {
        var selector = new LayerSelector(LayerSelector.Mid, 0); // no climb past mid to muddle the timing
        selector.SetLayerBitrates(LinkSimulation.Layers);
        selector.OnLoss(Loss(0.3), S(1)); // mid → low: congestion, the first probe waits CongestionHold
        Assert.Equal(LayerSelector.CongestionHold, selector.ProbeWait);
        selector.Tick(S(15.9));
        Assert.Equal(LayerSelector.Low, selector.TargetLayer);
        selector.Tick(S(16)); // probe
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer);
        selector.OnLoss(Loss(0.3), S(17)); // failed
        Assert.Equal(S(30), selector.ProbeWait);
        selector.Tick(S(47)); // probe after 30 s clean
        Assert.Equal(LayerSelector.Mid, selector.TargetLayer);
        selector.Tick(S(66.9));
        Assert.Equal(S(30), selector.ProbeWait);
        selector.Tick(S(67));
        Assert.Equal(LayerSelector.BaseWait, selector.ProbeWait);
    }

    [Fact]
    public void Inputs_allocate_nothing()
    {
        var selector = new LayerSelector(now: 0);
        long[] layers = [150_000, 500_000, 1_500_000];
        var seen = new bool[3];
        Feed(selector, layers, seen, 0, 100); // warm-up: JIT done
        // Least of three rounds: a per-input allocation shows in every round, a one-off of the
        // runtime (a callee's tier-up on a busy machine) in one only.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3 && allocated != 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Feed(selector, layers, seen, 100 + (round * 10_000), 10_000);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.Equal([true, true, true], seen); // the inputs really moved it
    }

    // Fully optimised from the first call: no tier-up or on-stack replacement (which allocate) inside the measurement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Feed(LayerSelector selector, long[] layers, bool[] seen, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var now = S(i * 0.1);
            selector.OnRemb(2_000_000 + (i % 10), now);
            selector.OnLoss((byte)(i % 300 is 0 or 11 or 22 ? 80 : 0), now); // three bad reports 1.1 s apart
            selector.SetLayerBitrates(layers);
            selector.OnLayerDelivered(selector.TargetLayer, now);
            selector.Tick(now);
            seen[selector.TargetLayer] = true;
        }
    }
}
