namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Keeps one player stream's sequence numbers and timestamps continuous across a change of
/// source (a reloaded studio page is a new publisher with new SSRCs and random sequence and
/// timestamp starts, RFC 3550 §5.1). Without it the player's SRTP index estimate (RFC 3711 §3.3.1)
/// would read a jump of more than 2^15 as going backwards and drop every packet. Touched only on
/// the publisher's receive path.
/// </summary>
internal sealed class OutboundSequence
{
    private bool _started;
    private uint _sourceSsrc;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private ushort _lastSequence;
    private uint _lastTimestamp;

    /// <summary>Maps a source packet's sequence number and timestamp to this player's stream.</summary>
    public (ushort Sequence, uint Timestamp) Map(uint sourceSsrc, ushort sequence, uint timestamp, uint frameTicks)
    {
        var first = !_started;
        if (first)
        {
            _started = true;
            _sourceSsrc = sourceSsrc;
        }
        else if (sourceSsrc != _sourceSsrc)
        {
            // New source: continue one packet and one frame after what the player last got.
            _sourceSsrc = sourceSsrc;
            _sequenceOffset = (ushort)(_lastSequence + 1 - sequence);
            _timestampOffset = _lastTimestamp + frameTicks - timestamp;
        }

        var mappedSequence = (ushort)(sequence + _sequenceOffset);
        var mappedTimestamp = timestamp + _timestampOffset;
        if (first || (ushort)(mappedSequence - _lastSequence) < 0x8000)
        {
            _lastSequence = mappedSequence;
            _lastTimestamp = mappedTimestamp;
        }

        return (mappedSequence, mappedTimestamp);
    }

    /// <summary>
    /// The source packet a player's sequence number came from (for its NACKs): the current source's
    /// SSRC and sequence. False before the first packet. Read-only, so any loop may call it.
    /// </summary>
    public bool TryUnmap(ushort playerSequence, out uint sourceSsrc, out ushort sequence)
    {
        sourceSsrc = Volatile.Read(ref _sourceSsrc);
        sequence = (ushort)(playerSequence - Volatile.Read(ref _sequenceOffset));
        return Volatile.Read(ref _started);
    }

    /// <summary>The last sequence number and timestamp sent on this stream; false before the first packet (the recorder continues it by one packet).</summary>
    public bool TryGetLast(out ushort sequence, out uint timestamp)
    {
        sequence = Volatile.Read(ref _lastSequence);
        timestamp = Volatile.Read(ref _lastTimestamp);
        return Volatile.Read(ref _started);
    }

    /// <summary>Maps an already forwarded packet again (a retransmission) without moving the stream's high mark.</summary>
    public (ushort Sequence, uint Timestamp) MapAgain(ushort sequence, uint timestamp) =>
        ((ushort)(sequence + Volatile.Read(ref _sequenceOffset)), timestamp + Volatile.Read(ref _timestampOffset));
}
