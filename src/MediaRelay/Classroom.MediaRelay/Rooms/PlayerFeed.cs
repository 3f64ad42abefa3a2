using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Simulcast;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// One player's view of its room's <see cref="PacketRing"/>: a cursor (its queue is the ring
/// between cursor and head), the simulcast layer it is on and the one it should be on, and the
/// pace of its catch-up. Cursor, layer and pacing state belong to the one fan-out worker that
/// serves the player; the target layer is set from the player's RTCP on another thread.
/// </summary>
internal sealed class PlayerFeed(RelaySession player, Room room, long cursor, int targetLayer)
{
    private int _targetLayer = targetLayer;
    private long _cursor = cursor;
    private long _skips;

    public RelaySession Player { get; } = player;

    public Room Room { get; } = room;

    /// <summary>The worker serving this feed (set once by the pool).</summary>
    internal FanOutWorker? Worker { get; set; }

    /// <summary>Next ring position to look at (worker-owned; read by metrics).</summary>
    public long Cursor
    {
        get => Volatile.Read(ref _cursor);
        set => Volatile.Write(ref _cursor, value);
    }

    /// <summary>Packets waiting for this player: its queue depth.</summary>
    public int QueueDepth => (int)Math.Clamp(Room.Ring.Head - Cursor, 0, int.MaxValue);

    /// <summary>The layer it receives, −1 before its first keyframe.</summary>
    public int CurrentLayer { get; internal set; } = -1;

    /// <summary>The SSRC of the publisher stream it is on (for sender reports), 0 before the first video packet.</summary>
    public uint CurrentVideoSsrc { get; internal set; }

    /// <summary>The layer its bandwidth allows and it asked for; switched to at that layer's next keyframe.</summary>
    public int TargetLayer
    {
        get => Volatile.Read(ref _targetLayer);
        set => Volatile.Write(ref _targetLayer, value);
    }

    /// <summary>Video waits for a keyframe (start, after a skip, after a new publisher).</summary>
    internal bool WaitingForKeyframe { get; set; } = true;

    /// <summary>The layer a keyframe was last asked for on this feed's behalf, so it is asked once per switch.</summary>
    internal int KeyframeAskedFor { get; set; } = -1;

    /// <summary>The publisher track of the last video packet, to notice a new publisher.</summary>
    internal NegotiatedTrack? LastVideoSource { get; set; }

    /// <summary>Times the player fell more than the queue bound behind and skipped to the next keyframe.</summary>
    public long Skips => Interlocked.Read(ref _skips);

    internal void OnSkipped() => Interlocked.Increment(ref _skips);

    /// <summary>Replaying the picture group after joining (paced, old audio skipped) until within the live window.</summary>
    internal bool CatchingUp { get; set; }

    // Catch-up pacing (token bucket in bytes), worker-owned.
    internal long Tokens { get; set; } = -1;

    internal long RefilledAt { get; set; }

    /// <summary>Chooses the layer from the player's REMB, receiver-report loss and the layers' bitrates.</summary>
    public LayerSelector Selector { get; init; } = new();

    private int _rtxSequence = System.Security.Cryptography.RandomNumberGenerator.GetInt32(ushort.MaxValue);

    /// <summary>The next sequence number of the player's RTX stream (RFC 4588 §4: its own numbering).</summary>
    internal ushort NextRtxSequence() => (ushort)Interlocked.Increment(ref _rtxSequence);

    /// <summary>Set when the player's session ends; the worker forgets the feed.</summary>
    public bool Closed { get; set; }
}
