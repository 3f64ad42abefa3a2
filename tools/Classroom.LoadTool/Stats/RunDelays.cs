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

    public void Record(long micros)
    {
        All.Record(micros);
        if (_steady) Steady.Record(micros);
    }
}
