namespace Classroom.LoadTool.Stats;

/// <summary>Sequence accounting summed over streams and players: Expected = Received + Lost (late arrivals are inside Lost).</summary>
public readonly record struct LossCount(long Expected, long Received, long Lost, long Duplicates, long Late)
{
    public static LossCount Zero => default;

    public double LossPercent => Expected == 0 ? 0 : 100.0 * Lost / Expected;

    public static LossCount operator +(LossCount a, LossCount b) =>
        new(a.Expected + b.Expected, a.Received + b.Received, a.Lost + b.Lost, a.Duplicates + b.Duplicates, a.Late + b.Late);

    public static LossCount Add(LossCount a, LossCount b) => a + b;
}
