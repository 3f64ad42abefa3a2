namespace Classroom.LoadTool.Stats;

/// <summary>
/// Counts what is still missing of one RTP stream's sequence space (RFC 3550 §6.4.1 "cumulative
/// number of packets lost", but after recovery): a packet counts as lost only once it has fallen
/// out of a reorder window of <see cref="Window"/> numbers without arriving, or, at
/// <see cref="Finish"/>, when it never arrived. A retransmission that fills a gap in time is not
/// a loss. Sequence numbers are extended across the 16-bit wrap (RFC 3550 Appendix A.1).
/// Packets before the first one received are not expected (a player joins mid-stream).
/// </summary>
public sealed class SequenceTracker
{
    public const int Window = 4096;

    private readonly ulong[] _seen = new ulong[Window / 64];
    private bool _started;
    private long _lowest;
    private long _highest;
    private long _lostSlid;
    private bool _finished;

    public long Received { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Arrived after their number had left the window (already counted as lost).</summary>
    public long Late { get; private set; }

    /// <summary>Extended numbers from the first received to the highest received.</summary>
    public long Expected => _started ? _highest - _lowest + 1 : 0;

    public long Lost { get; private set; }

    /// <summary>Records an arrival; single writer (the player's receive loop).</summary>
    public void Add(ushort sequence)
    {
        if (!_started)
        {
            _started = true;
            _lowest = _highest = sequence;
            Mark(sequence);
            Received = 1;
            return;
        }

        var extended = _highest + (short)(ushort)(sequence - (ushort)_highest);
        if (extended > _highest)
        {
            Advance(extended);
        }
        else if (extended <= _highest - Window)
        {
            Late++;
            return;
        }
        else if (extended < _lowest)
        {
            // Reordered ahead of the first arrival: the slots below the old start were never used.
            _lowest = extended;
        }

        if (IsMarked(extended))
        {
            Duplicates++;
            return;
        }

        Mark(extended);
        Received++;
    }

    /// <summary>Counts the numbers still missing inside the window; call once after the stream ended.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        long missing = 0;
        for (var s = Math.Max(_lowest, _highest - Window + 1); _started && s <= _highest; s++)
        {
            if (!IsMarked(s)) missing++;
        }

        Lost = _lostSlid + missing;
    }

    private void Advance(long extended)
    {
        if (extended - _highest > Window)
        {
            // A jump past the whole window: what was unmarked in the old window, and every number
            // skipped up to the new window's start, is lost; the new window starts empty.
            for (var s = Math.Max(_lowest, _highest - Window + 1); s <= _highest; s++)
            {
                if (!IsMarked(s)) _lostSlid++;
            }

            _lostSlid += extended - Window - _highest;
            Array.Clear(_seen);
        }
        else
        {
            // Slots that leave the window: an unmarked one inside the stream is lost for good.
            for (var s = _highest + 1; s <= extended; s++)
            {
                var leaving = s - Window;
                if (leaving >= _lowest && !IsMarked(leaving)) _lostSlid++;
                Clear(s);
            }
        }

        _highest = extended;
    }

    private int Slot(long extended) => (int)(extended & (Window - 1));

    private bool IsMarked(long extended) => (_seen[Slot(extended) >> 6] & (1UL << (Slot(extended) & 63))) != 0;

    private void Mark(long extended) => _seen[Slot(extended) >> 6] |= 1UL << (Slot(extended) & 63);

    private void Clear(long extended) => _seen[Slot(extended) >> 6] &= ~(1UL << (Slot(extended) & 63));
}
