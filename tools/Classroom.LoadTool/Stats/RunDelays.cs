namespace Classroom.LoadTool.Stats;

/// <summary>
/// Forwarding delays of a run twice over: every sample, and only those taken in the steady window
/// (all joins settled, publisher streaming), so a server's disruption while players join is told
/// apart from its steady forwarding.
/// </summary>
public sealed class RunDelays
{
    private volatile bool _steady;

    public DelayHistogram All { get; } = new();

    public DelayHistogram Steady { get; } = new();

    public void OpenSteadyWindow() => _steady = true;

    public void CloseSteadyWindow() => _steady = false;

    /// <summary>Send → this process read the packet (after its own queueing on shared cores), steady window only.</summary>
    public DelayHistogram SteadyRead { get; } = new();

    private long _readTimed;

    /// <summary>Share of samples whose end is the kernel's receive time rather than the read time.</summary>
    public double KernelStampedShare => All.Count == 0 ? 0 : 1 - (double)Interlocked.Read(ref _readTimed) / All.Count;

    /// <param name="micros">Send → arrival at the player's socket (or → read when <paramref name="kernelStamped"/> is false).</param>
    /// <param name="readMicros">Send → read by the player's receive loop.</param>
    public void Record(long micros, long readMicros, bool kernelStamped)
    {
        if (!kernelStamped) Interlocked.Increment(ref _readTimed);
        All.Record(micros);
        if (!_steady) return;
        Steady.Record(micros);
        SteadyRead.Record(readMicros);
    }
}
