namespace Classroom.LoadTool.Stats;

/// <summary>The sequence trackers of one media kind: a new SSRC (a publisher reconnecting) starts a new tracker.</summary>
internal sealed class StreamTrackers
{
    private readonly List<SequenceTracker> _done = [];
    private SequenceTracker? _current;
    private uint _ssrc;

    public void Add(uint ssrc, ushort sequence)
    {
        if (_current is null || ssrc != _ssrc)
        {
            if (_current is not null && _done.Count < 16) _done.Add(_current);
            _current = new SequenceTracker();
            _ssrc = ssrc;
        }

        _current.Add(sequence);
    }

    /// <summary>Gaps of the current stream right now (racy read for the progress line; reordering shows as missing).</summary>
    public long MissingNow => _current is { } c ? Math.Max(0, c.Expected - c.Received) : 0;

    public LossCount Finish()
    {
        var total = LossCount.Zero;
        foreach (var tracker in _current is null ? _done : [.. _done, _current])
        {
            tracker.Finish();
            total += new LossCount(tracker.Expected, tracker.Received, tracker.Lost, tracker.Duplicates, tracker.Late);
        }

        return total;
    }
}
