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
    /// <summary>How far behind the stream's head a packet may arrive and still be a reordered one (RFC 3550 A.1's MAX_MISORDER).</summary>
    internal const int MaxMisorder = 100;

    /// <summary>
    /// How far (in frames of 1/30 s, so 10 s) a packet's timestamp must be from the head's for a jump
    /// back to count as a restart: a publisher's late retransmission (it resends on the media SSRC)
    /// can be hundreds of packets behind on a fast video layer, but its timestamp is within a second
    /// or two of the head; a restarted sender's timestamps start at random.
    /// </summary>
    internal const int RestartTimestampFrames = 300;

    /// <summary>A minute of a 90 kHz clock.</summary>
    private const int ReplayForgetTicks = 90_000 * 60;

    private bool _started;
    private uint _sourceSsrc;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private bool _probing;
    private ushort _probe;
    private ReplayTimeline? _replay;

    /// <summary>
    /// Sets (or clears) the picture group this player is about to be replayed on joining: its
    /// timestamps are compressed into the time the paced replay takes (<see cref="ReplayTimeline"/>).
    /// Set by the worker that serves the player before it sends the first packet of a binding.
    /// </summary>
    public void StartReplay(ReplayTimeline? replay) => Volatile.Write(ref _replay, replay);

    /// <summary>
    /// Maps a source packet's sequence number and timestamp to this player's stream. False: the
    /// packet is held back (not sent), being the first of what may be a restart of the source under
    /// the same SSRC.
    /// </summary>
    /// <remarks>
    /// A sender restarted under the same SSRC (an RTMP bridge's ffmpeg run after a crash) starts its
    /// sequence numbers and timestamps afresh at random. A start more than <see cref="MaxMisorder"/>
    /// behind the head would read as old to the player (SRTP's replay check, the jitter buffer) until
    /// the numbers caught up, which at 50 audio packets a second can be minutes. So, as RFC 3550 A.1
    /// does for a receiver, such a packet whose timestamp is also far from the head's
    /// (<see cref="RestartTimestampFrames"/>) is held and, when the next one follows it in sequence,
    /// the source counts as new and continues one packet and one frame after the head. A single
    /// stray packet is only held. A late retransmission (far back in sequence, near in time) is passed
    /// on as before, and so is a jump ahead (a gap after an outage: the player's SRTP accepts it and
    /// its jitter buffer sees the real gap).
    /// </remarks>
    public bool TryMap(uint sourceSsrc, ushort sequence, uint timestamp, uint frameTicks, out ushort mappedSequence, out uint mappedTimestamp)
    {
        var first = !_started;
        if (first)
        {
            _started = true;
            _sourceSsrc = sourceSsrc;
        }
        else if (sourceSsrc != _sourceSsrc)
        {
            _sourceSsrc = sourceSsrc;
            ContinueWith(sequence, Replayed(sourceSsrc, timestamp), frameTicks);
        }
        else
        {
            var behind = (ushort)(_lastSequence - (ushort)(sequence + _sequenceOffset));
            if (behind is > MaxMisorder and < 0x8000
                && Math.Abs((long)(int)(Replayed(sourceSsrc, timestamp) + _timestampOffset - _lastTimestamp)) > (long)frameTicks * RestartTimestampFrames)
            {
                if (!_probing || sequence != _probe)
                {
                    _probing = true;
                    _probe = (ushort)(sequence + 1);
                    mappedSequence = 0;
                    mappedTimestamp = 0;
                    return false;
                }

                Volatile.Write(ref _replay, null); // a replay belongs to the run it was cut from
                ContinueWith(sequence, timestamp, frameTicks);
            }
        }

        _probing = false;
        // A minute past the replay its timestamps are long gone; forget it before the 32-bit clock could come round to them.
        if (_replay is { } replay && replay.Ssrc == sourceSsrc && (int)(timestamp - replay.To) > ReplayForgetTicks) Volatile.Write(ref _replay, null);
        mappedSequence = (ushort)(sequence + _sequenceOffset);
        mappedTimestamp = Replayed(sourceSsrc, timestamp) + _timestampOffset;
        if (first || (ushort)(mappedSequence - _lastSequence) < 0x8000)
        {
            _lastSequence = mappedSequence;
            _lastTimestamp = mappedTimestamp;
        }

        return true;
    }

    /// <summary>
    /// A new source (or the same one restarted): it continues one packet and one frame after what
    /// the player last got (<paramref name="timestamp"/> as the player will see it, i.e. after a
    /// replay's compression).
    /// </summary>
    private void ContinueWith(ushort sequence, uint timestamp, uint frameTicks)
    {
        _sequenceOffset = (ushort)(_lastSequence + 1 - sequence);
        _timestampOffset = _lastTimestamp + frameTicks - timestamp;
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

    /// <summary>
    /// Maps an already forwarded packet again (a retransmission, or a sender report's RTP time)
    /// without moving the stream's high mark; a replayed packet gets the same compressed timestamp
    /// as when it was first sent (the player assembles a frame only from packets of one timestamp).
    /// </summary>
    public (ushort Sequence, uint Timestamp) MapAgain(uint sourceSsrc, ushort sequence, uint timestamp) =>
        ((ushort)(sequence + Volatile.Read(ref _sequenceOffset)), Replayed(sourceSsrc, timestamp) + Volatile.Read(ref _timestampOffset));

    /// <summary>A source timestamp inside the replayed picture group, moved towards its end; any other unchanged.</summary>
    private uint Replayed(uint sourceSsrc, uint timestamp)
    {
        var replay = Volatile.Read(ref _replay);
        return replay is null || replay.Ssrc != sourceSsrc ? timestamp : replay.Map(timestamp);
    }
}

/// <summary>
/// A joining player's picture-group replay, on the player's timeline (docs/relay.md "Fast start,
/// paced"). The relay replays the frames from the last keyframe to live faster than real time;
/// with their own timestamps the player would see seconds of media arrive in a fraction of one,
/// and Chromium's arrival-time model (the RTP clock against the local clock) would learn a wrong
/// rate from that burst: afterwards it takes live frames for late ones and plays them without the
/// jitter buffer asked for, so every recovered loss freezes the picture (docs/bench-loss.md).
/// So the group's timestamps, from <see cref="From"/> (the keyframe) to <see cref="To"/> (the
/// newest frame when the player joined), are compressed into the last <see cref="Span"/> ticks
/// before <see cref="To"/>, about the time the paced replay takes; frames after
/// <see cref="To"/> keep their own spacing. Decoding is unchanged (every frame is still sent, in
/// order, with distinct increasing timestamps); only the replayed frames' nominal capture times
/// move, and they carry no audio (a catching-up player skips old audio).
/// </summary>
internal sealed record ReplayTimeline(uint Ssrc, uint From, uint To, uint Span)
{
    public uint Map(uint timestamp)
    {
        var length = To - From;
        var beforeEnd = To - timestamp;
        if (beforeEnd == 0 || beforeEnd > length || Span >= length) return timestamp; // the end, after it, or before the keyframe
        return To - (uint)((ulong)beforeEnd * Span / length);
    }
}
