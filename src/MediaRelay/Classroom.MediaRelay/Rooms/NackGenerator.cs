namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// The relay's own losses on the publisher's video: a sequence gap (RFC 3550 §A.1 ordering,
/// modulo 2^16) marks the missing numbers, each is NACKed at once (RFC 4585 §6.2.1), then again
/// every retry interval (the RTT when known, else a default; RFC 4585 §3.5.3 leaves the timing to
/// the receiver) up to a bounded number of times, and given up after a deadline (a late
/// retransmission only stalls the players' jitter buffers). A gap wider than the tracked maximum
/// is a stream jump, not loss. Touched only on the publisher's receive path; no allocation.
/// </summary>
internal sealed class NackGenerator
{
    private readonly LossRecoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ushort[] _sequences;
    private readonly long[] _firstSeen;
    private readonly long[] _lastSent;
    private readonly int[] _sent;
    private int _count;
    private bool _started;
    private uint _ssrc;
    private ushort _highest;

    public NackGenerator(LossRecoveryOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _sequences = new ushort[options.MaxMissing];
        _firstSeen = new long[options.MaxMissing];
        _lastSent = new long[options.MaxMissing];
        _sent = new int[options.MaxMissing];
    }

    /// <summary>Round-trip time to the publisher when measured; retries are spaced by it.</summary>
    public TimeSpan? RoundTripTime { get; set; }

    /// <summary>Sequence numbers currently missing (waiting for a retransmission).</summary>
    public int Missing => _count;

    /// <summary>Packets given up (still missing at the deadline or after the last retry).</summary>
    public long GivenUp { get; private set; }

    /// <summary>The SSRC the missing numbers belong to.</summary>
    public uint Ssrc => _ssrc;

    public void OnPacket(uint ssrc, ushort sequence)
    {
        if (!_started || ssrc != _ssrc)
        {
            _started = true;
            _ssrc = ssrc;
            _highest = sequence;
            _count = 0;
            return;
        }

        var delta = (ushort)(sequence - _highest);
        if (delta == 0) return;
        if (delta >= 0x8000)
        {
            Recovered(sequence);
            return;
        }

        var gap = delta - 1;
        if (gap > _sequences.Length) _count = 0; // a jump: start over from here
        else if (gap > 0) AddMissing((ushort)(_highest + 1), gap);
        _highest = sequence;
    }

    /// <summary>
    /// Writes the sequence numbers to NACK now (ascending, modulo wrap) and counts them as sent;
    /// drops those past the deadline or out of retries. Returns how many were written.
    /// </summary>
    public int CollectDue(Span<ushort> destination)
    {
        if (_count == 0) return 0;
        var now = _time.GetTimestamp();
        var interval = RoundTripTime ?? _options.RetryInterval;
        var written = 0;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_time.GetElapsedTime(_firstSeen[i], now) >= _options.GiveUpAfter || _sent[i] >= _options.MaxNacksPerPacket)
            {
                GivenUp++;
                continue;
            }

            if (written < destination.Length && (_sent[i] == 0 || _time.GetElapsedTime(_lastSent[i], now) >= interval))
            {
                destination[written++] = _sequences[i];
                _sent[i]++;
                _lastSent[i] = now;
            }

            Move(i, kept++);
        }

        _count = kept;
        return written;
    }

    private void AddMissing(ushort first, int gap)
    {
        var now = _time.GetTimestamp();
        var overflow = _count + gap - _sequences.Length;
        if (overflow > 0)
        {
            // Oldest first out: they are the least likely to arrive in time.
            for (var i = overflow; i < _count; i++) Move(i, i - overflow);
            _count -= overflow;
            GivenUp += overflow;
        }

        for (var k = 0; k < gap; k++)
        {
            _sequences[_count] = (ushort)(first + k);
            _firstSeen[_count] = now;
            _lastSent[_count] = now;
            _sent[_count] = 0;
            _count++;
        }
    }

    private void Recovered(ushort sequence)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_sequences[i] != sequence) continue;
            for (var j = i + 1; j < _count; j++) Move(j, j - 1);
            _count--;
            return;
        }
    }

    private void Move(int from, int to)
    {
        if (from == to) return;
        _sequences[to] = _sequences[from];
        _firstSeen[to] = _firstSeen[from];
        _lastSent[to] = _lastSent[from];
        _sent[to] = _sent[from];
    }
}
