namespace Classroom.MediaRelay.Simulcast;

/// <summary>
/// Chooses which simulcast layer one player gets, from its receive-side estimate (REMB), the
/// loss in its receiver reports and the layers' measured bitrates; never above the layer the
/// player asked for (<see cref="MaxLayer"/>) or the highest layer the studio is sending. Pure:
/// no clock, no I/O; time comes in as <see cref="TimeSpan"/> ticks (100 ns) with every input,
/// and no call allocates. Rules and their reasons: docs/simulcast.md.
/// <list type="bullet">
/// <item>Start on mid (or <see cref="MaxLayer"/> if lower): nothing is known about the link yet.</item>
/// <item>Down at once: a report with loss &gt; 10 %, or an estimate that fell below 0.9 × the
/// current layer's bitrate (a rising or flat one is Chromium still ramping after an up-switch). Loss
/// goes down one layer; an estimate goes straight to the highest layer it covers. A second
/// down-switch waits 1 s, so a report still describing the old layer does not cascade.</item>
/// <item>Up after ≥ 3 s clean (loss &lt; 2 %) when the estimate is ≥ 1.2 × the next layer's
/// bitrate, or — because a REMB is capped near 1.5 × what the player receives and so can
/// never show room for a layer 3× bigger — as a probe after <see cref="ProbeWait"/> clean.</item>
/// <item>A down-switch within 20 s of an up-switch marks that up-switch failed: the wait
/// doubles (3 s → 30 s at most). An up-switch that holds 20 s resets it. One that holds 2 s lets
/// the climb go on after the base wait, so a lifted limit is climbed layer by layer quickly.</item>
/// </list>
/// The core may report when a switch really happens (<see cref="OnLayerDelivered"/>); then
/// nothing is judged on a layer the player is not getting yet.
/// Inputs may come from several threads (they take a lock; RTCP arrives about once a second);
/// <see cref="TargetLayer"/> is a plain volatile read for the forwarding path.
/// </summary>
public sealed class LayerSelector
{
    /// <summary>Layer indices: 0 is the lowest resolution.</summary>
    public const int Low = 0;

    /// <summary>The middle layer.</summary>
    public const int Mid = 1;

    /// <summary>The highest layer, also "no ceiling" for <see cref="MaxLayer"/>.</summary>
    public const int High = 2;

    /// <summary>Layers tracked; more in <see cref="SetLayerBitrates"/> are ignored.</summary>
    public const int LayerCapacity = 3;

    /// <summary>Clean time before an estimate-backed up-switch, and the first probe wait.</summary>
    public static readonly long BaseWait = TimeSpan.TicksPerSecond * 3;

    /// <summary>Longest probe wait after repeated failures.</summary>
    public static readonly long MaxWait = TimeSpan.TicksPerSecond * 30;

    /// <summary>An up-switch that holds this long proves the link and resets the wait.</summary>
    public static readonly long StableTime = TimeSpan.TicksPerSecond * 20;

    /// <summary>An up-switch that holds this long lets the climb continue after the base wait.</summary>
    public static readonly long ConfirmTime = TimeSpan.TicksPerSecond * 2;

    /// <summary>No up-switch (probe or estimate) this long after a down-switch: the link just congested.</summary>
    public static readonly long CongestionHold = TimeSpan.TicksPerSecond * 15;

    /// <summary>Minimum time between two down-switches.</summary>
    public static readonly long DownHoldOff = TimeSpan.TicksPerSecond;

    private readonly Lock _gate = new();
    private readonly long[] _bitrates = new long[LayerCapacity];
    private int _layerCount = -1; // unknown until SetLayerBitrates: every layer assumed present
    private volatile int _target;
    private int _maxLayer;
    private long _estimate;
    private long _lastRemb; // 0 = none since the last up-switch
    private long _cleanSince;
    private long _lastUp = long.MinValue;
    private long _lastDown = long.MinValue;
    private long _wait = BaseWait;
    private int _delivered = -1; // -1: the core does not report switches; the target counts as delivered

    /// <summary>Creates the selector of one player that joined at <paramref name="now"/>.</summary>
    public LayerSelector(int maxLayer = High, long now = 0)
    {
        _maxLayer = Math.Clamp(maxLayer, Low, High);
        _target = Math.Min(Mid, _maxLayer);
        _cleanSince = now;
    }

    /// <summary>The layer the player should get; the core switches to it at that layer's next keyframe.</summary>
    public int TargetLayer => _target;

    /// <summary>The player's ceiling (0 low, 1 mid, 2 high = none); lowering it moves the target at once.</summary>
    public int MaxLayer
    {
        get => _maxLayer;
        set
        {
            lock (_gate)
            {
                _maxLayer = Math.Clamp(value, Low, High);
                if (_target > Ceiling()) _target = Ceiling();
            }
        }
    }

    /// <summary>The latest receive-side estimate in bit/s (0 before the first REMB).</summary>
    public long Estimate => Volatile.Read(ref _estimate);

    /// <summary>The clean time the next probe needs, in ticks (3 s, doubled per failed up-switch, at most 30 s).</summary>
    public long ProbeWait => Volatile.Read(ref _wait);

    /// <summary>A REMB from the player (its receive-side estimate for the whole transport).</summary>
    public void OnRemb(long bitsPerSecond, long now)
    {
        lock (_gate)
        {
            var previous = _lastRemb;
            _estimate = Math.Max(0, bitsPerSecond);
            _lastRemb = _estimate;
            var current = _bitrates[_target];

            // Only a falling estimate is a verdict. A rising one is the receiver still ramping
            // (Chromium: ~8 %/s, capped at 1.5 × what it receives) after a join or an up-switch,
            // and a flat one is its "hold" state or a core still waiting for the new layer's
            // keyframe. The first estimate after an up-switch only starts the comparison.
            var congested = previous != 0 && _estimate < previous;
            if (_layerCount > 0 && current > 0 && _estimate * 10 < current * 9 && congested && CanGoDown(now))
            {
                var to = Low;
                for (var layer = _target - 1; layer > Low; layer--)
                {
                    if (Exists(layer) && _estimate * 10 >= _bitrates[layer] * 9) { to = layer; break; }
                }

                Down(Math.Min(to, _target), now);
            }

            Evaluate(now);
        }
    }

    /// <summary>A receiver report's fraction lost for the player's video (RFC 3550 §6.4.1: 1/256 units).</summary>
    public void OnLoss(byte fractionLost, long now)
    {
        lock (_gate)
        {
            if (fractionLost * 10 > 256 && CanGoDown(now))
            {
                // Congestion loss: straight to the lowest layer (the safe picture), then climb back
                // carefully after CongestionHold — fast down, slow up.
                var to = Low;
                while (to < _target && !Exists(to)) to++;
                Down(to, now);
            }

            if (fractionLost * 100 >= 2 * 256) _cleanSince = Math.Max(_cleanSince, now);
            Evaluate(now);
        }
    }

    /// <summary>
    /// The layers' measured bitrates in bit/s, index 0 the lowest (at most <see cref="LayerCapacity"/>
    /// read). A layer at 0 is treated as absent (paused, or dropped by the studio's encoder).
    /// </summary>
    public void SetLayerBitrates(ReadOnlySpan<long> bps)
    {
        lock (_gate)
        {
            _layerCount = Math.Min(bps.Length, LayerCapacity);
            for (var i = 0; i < LayerCapacity; i++) _bitrates[i] = i < _layerCount ? Math.Max(0, bps[i]) : 0;
            if (_target > Ceiling() || !Exists(_target))
            {
                // The nearest present layer below, else the nearest above (still under the ceiling).
                var to = Math.Min(_target, Ceiling());
                while (to > Low && !Exists(to)) to--;
                while (!Exists(to) && to < Ceiling()) to++;
                _target = to;
            }
        }
    }

    /// <summary>
    /// The core tells when the player really starts getting <paramref name="layer"/> (at that
    /// layer's keyframe, which can come long after the decision). Until the target is delivered
    /// the selector does not climb further, an up-switch is judged from its delivery (the 2 s and
    /// 20 s windows start then), and a delivered down-switch starts the 1 s hold-off again (the
    /// next reports still describe the layer just left). Optional: without it every target counts
    /// as delivered at once. Cheap and allocation-free (called on a switch, not per packet).
    /// </summary>
    public void OnLayerDelivered(int layer, long now)
    {
        lock (_gate)
        {
            var previous = _delivered;
            _delivered = Math.Clamp(layer, Low, LayerCapacity - 1);
            if (previous >= 0 && _delivered > previous && _delivered == _target)
            {
                _lastUp = now;
                _cleanSince = Math.Max(_cleanSince, now);
                _lastRemb = 0;
            }
            else if (previous >= 0 && _delivered < previous)
            {
                _lastDown = Math.Max(_lastDown, now);
            }

            Evaluate(now);
        }
    }

    /// <summary>Applies the time-based rules (probes, wait reset); call about once a second.</summary>
    public void Tick(long now)
    {
        lock (_gate)
        {
            Evaluate(now);
        }
    }

    private void Evaluate(long now)
    {
        if (_lastDown != long.MinValue && now - _lastDown < CongestionHold) return; // stay down after congestion
        if (_delivered >= 0 && _delivered != _target) return; // a switch is still waiting for its keyframe

        if (_lastUp != long.MinValue && now - _lastUp >= StableTime)
        {
            _wait = BaseWait; // the last up-switch held: the link is proven
            _lastUp = long.MinValue;
        }

        var next = _target + 1;
        while (next <= Ceiling() && !Exists(next)) next++;
        if (next > Ceiling()) return;

        var clean = now - _cleanSince;
        var byEstimate = clean >= BaseWait && _estimate > 0 && _bitrates[next] > 0 && _estimate * 10 >= _bitrates[next] * 12;
        var climbing = _lastUp != long.MinValue && now - _lastUp >= ConfirmTime;
        var byProbe = clean >= (climbing ? BaseWait : _wait);
        if (!byEstimate && !byProbe) return;

        _target = next;
        _lastUp = now;
        _cleanSince = now;
        _lastRemb = 0;
    }

    private void Down(int to, long now)
    {
        if (to >= _target) { _cleanSince = Math.Max(_cleanSince, now); return; }
        if (_lastUp != long.MinValue && now - _lastUp < StableTime)
        {
            _wait = Math.Min(_wait * 2, MaxWait); // the last up-switch failed
        }

        // Every down-switch is congestion (loss or a falling estimate): a classroom link that just
        // congested rarely clears within seconds, and each failed probe shows as a freeze on the
        // projector, so the first probe after it waits at least CongestionHold.
        _wait = Math.Max(_wait, CongestionHold);
        _target = to;
        _lastUp = long.MinValue;
        _lastDown = now;
        _cleanSince = now;
    }

    private bool CanGoDown(long now) => _lastDown == long.MinValue || now - _lastDown >= DownHoldOff;

    private int Ceiling()
    {
        var highest = _layerCount < 0 ? High : _layerCount - 1;
        return Math.Max(Low, Math.Min(_maxLayer, highest));
    }

    private bool Exists(int layer) => layer >= Low && layer < LayerCapacity && (_layerCount < 0 ? layer <= High : layer < _layerCount && _bitrates[layer] > 0);
}
