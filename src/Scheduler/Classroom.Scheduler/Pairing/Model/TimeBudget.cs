namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// Hands each component its share of the remaining wall time: remaining × (its size / size not
/// yet started) × lanes running side by side, never past the deadline. Shares unused by quick
/// components flow to later ones because each share is computed when the component starts.
/// </summary>
internal sealed class TimeBudget(TimeProvider time, long deadline, long totalSize, int lanes)
{
    private readonly Lock _gate = new();
    private long _sizeLeft = totalSize;

    public TimeSpan Take(int size)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var left = deadline > now ? TimeSpan.FromSeconds((deadline - now) / (double)time.TimestampFrequency) : TimeSpan.Zero;
            var share = _sizeLeft > 0 ? Math.Min(1.0, (double)size * lanes / _sizeLeft) : 1.0;
            _sizeLeft -= size;
            return left * share;
        }
    }
}
