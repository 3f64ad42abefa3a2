using Classroom.MediaRelay.Simulcast;

namespace Classroom.MediaRelay.Tests.Simulcast;

/// <summary>
/// A synthetic timeline for one player behind a bottleneck, in 100 ms steps. The core is modelled
/// as switching 300 ms after the selector decides (a keyframe request's round trip). Once a
/// second the player sends a receiver report and a REMB, shaped like Chromium's: when the link is
/// over capacity the report shows 20–40 % loss and the estimate drops to 0.85 × capacity; otherwise
/// loss is under 1 % and the estimate climbs 8 % per report, capped at 1.5 × the received video
/// rate + 10 kbit/s (which is why it can never vouch for a layer 3× bigger).
/// Demand on the link = (layer + 64 kbit/s audio) × 1.08 packet overhead.
/// </summary>
internal sealed class LinkSimulation
{
    public static readonly long[] Layers = [150_000, 500_000, 1_500_000];
    private const long Step = TimeSpan.TicksPerMillisecond * 100;
    private readonly Random _random = new(4588);
    private readonly Queue<int> _pipeline = new();
    private long _estimate;
    private int _overSteps;
    private long _receivedBits;
    private int _stepsThisSecond;
    private int _held;

    public LinkSimulation(LayerSelector selector, bool reportDelivery = false)
    {
        ReportDelivery = reportDelivery;
        Selector = selector;
        for (var i = 0; i < 3; i++) _pipeline.Enqueue(selector.TargetLayer);
        Selector.SetLayerBitrates(Layers);
    }

    public LayerSelector Selector { get; }

    /// <summary>Whether the simulated core calls <see cref="LayerSelector.OnLayerDelivered"/> when the player's layer changes.</summary>
    public bool ReportDelivery { get; }

    /// <summary>Extra delay before a switch to this layer is delivered (a keyframe that is slow to come), in steps.</summary>
    public int[] KeyframeDelaySteps { get; } = new int[3];

    /// <summary>Link capacity in bit/s; long.MaxValue = no limit.</summary>
    public long Capacity { get; set; } = long.MaxValue;

    public long Now { get; private set; }

    /// <summary>The layer the player is actually receiving.</summary>
    public int Delivered { get; private set; } = -1;

    /// <summary>(time, layer) for every change of the selector's target.</summary>
    public List<(double Seconds, int Layer)> Switches { get; } = [];

    public static long Demand(int layer) => (Layers[layer] + 64_000) * 108 / 100;

    /// <summary>Runs until <paramref name="seconds"/> on the timeline.</summary>
    public void RunUntil(double seconds, Action<LinkSimulation>? everyStep = null)
    {
        while (Now < (long)(seconds * TimeSpan.TicksPerSecond))
        {
            Now += Step;
            _pipeline.Enqueue(Selector.TargetLayer);
            var next = _pipeline.Dequeue();
            if (next != Delivered && Delivered >= 0 && _held < KeyframeDelaySteps[next])
            {
                _held++; // the target layer's keyframe has not come yet: the player stays where it is
                next = Delivered;
            }
            else if (next != Delivered)
            {
                _held = 0;
            }

            var changed = next != Delivered;
            Delivered = next;
            if (changed && ReportDelivery) Selector.OnLayerDelivered(Delivered, Now);
            var over = Demand(Delivered) > Capacity;
            if (over) _overSteps++;
            _receivedBits += Layers[Delivered] / 10;
            _stepsThisSecond++;
            if (_stepsThisSecond == 10) Report();
            var before = Selector.TargetLayer;
            Selector.Tick(Now);
            Record(before);
            everyStep?.Invoke(this);
        }
    }

    private void Report()
    {
        var before = Selector.TargetLayer;
        var overShare = _overSteps / 10.0;
        var loss = overShare > 0 ? overShare * (0.20 + (0.20 * _random.NextDouble())) : 0.01 * _random.NextDouble();
        var received = _receivedBits;
        _estimate = _overSteps > 0
            ? Math.Min(Capacity, 10_000_000) * 85 / 100
            : Math.Min(_estimate == 0 ? 300_000 : _estimate * 108 / 100, (received * 3 / 2) + 10_000);
        _overSteps = 0;
        _receivedBits = 0;
        _stepsThisSecond = 0;
        Selector.OnLoss((byte)Math.Min(255, (int)(loss * 256)), Now);
        Selector.OnRemb(_estimate, Now + 1);
        Record(before);
    }

    private void Record(int before)
    {
        if (Selector.TargetLayer != before) Switches.Add((Now / (double)TimeSpan.TicksPerSecond, Selector.TargetLayer));
    }
}
