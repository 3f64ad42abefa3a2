using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Rooms;

/// <summary>What the ring knows about one publisher packet besides its bytes.</summary>
internal struct RingEntry
{
    /// <summary>Plain (decrypted) RTP length.</summary>
    public int Length;
    public uint Ssrc;
    public ushort Sequence;
    public uint Timestamp;

    /// <summary>
    /// Video stream: the simulcast layer of the first video track (0 = lowest; 0 without
    /// simulcast) or <see cref="PacketRing.SecondVideoStream"/>; 0 for audio.
    /// </summary>
    public int Layer;

    /// <summary>First packet of a keyframe (VP8 key frame start, H.264 IDR/SPS).</summary>
    public bool KeyframeStart;

    /// <summary>The publisher track it came from (kind and codec); null for an empty slot.</summary>
    public NegotiatedTrack? Source;

    /// <summary>When it arrived (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long ArrivedTimestamp;

    public bool IsVideo;
}

/// <summary>
/// A lesson's publisher packets, received once and shared by every player and by loss recovery
/// (ARCHITECTURE.md relay core). Positions are 64-bit and only grow; position p lives in slot
/// p mod capacity until the writer reaches p + capacity. Players read at their own cursor
/// (that cursor is their queue: depth = head − cursor, bounded by the fan-out), retransmissions
/// find a packet by (SSRC, sequence) through a per-layer index, and a joining player starts at
/// the last keyframe of its layer. One writer (the publisher's receive path); readers on other
/// threads copy a packet out and then check that the writer has not reached its slot again
/// (a sequence-lock check), so nobody waits for anybody and nothing is allocated per packet.
/// The slots are owned by the ring and reused: the "reference count" of a packet is simply
/// whether any cursor or the retransmission window still lies behind it.
/// </summary>
internal sealed class PacketRing
{
    /// <summary>The largest packet kept (an Ethernet MTU).</summary>
    public const int SlotSize = 1500;

    /// <summary>Simulcast layers of a producer's first video track (a studio sends at most three).</summary>
    public const int MaxLayers = 3;

    /// <summary>
    /// Video streams indexed per ring: the first video track's simulcast layers (0–2) and the
    /// second video track (the studio's courseware, stream <see cref="SecondVideoStream"/>).
    /// </summary>
    public const int MaxStreams = 4;

    /// <summary>The stream index of a producer's second video track.</summary>
    public const int SecondVideoStream = 3;

    /// <summary>Retransmission index per layer; ≥ 1 s of video (RFC 4588 wants a useful window).</summary>
    private const int IndexSize = 1024;

    private readonly byte[]?[] _slots;
    private readonly RingEntry[] _entries;
    private readonly int _mask;
    private readonly long[][] _bySequence;
    private readonly long[] _lastKeyframe = [-1, -1, -1, -1];
    private long _head;

    public PacketRing(int capacity)
    {
        if (capacity < IndexSize || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two ≥ 1024");
        _slots = new byte[]?[capacity];
        _entries = new RingEntry[capacity];
        _mask = capacity - 1;
        _bySequence = new long[MaxStreams][];
        for (var i = 0; i < MaxStreams; i++) _bySequence[i] = Enumerable.Repeat(-1L, IndexSize).ToArray();
    }

    public int Capacity => _entries.Length;

    /// <summary>The next position to be written; everything below it (and within capacity) is readable.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>Position of the newest keyframe start of a layer, or −1.</summary>
    public long LastKeyframe(int layer) => (uint)layer < MaxStreams ? Volatile.Read(ref _lastKeyframe[layer]) : -1;

    /// <summary>Appends a packet (single writer). Returns false when it is larger than a slot (counted by the caller).</summary>
    public bool Append(ReadOnlySpan<byte> packet, in RingEntry entry)
    {
        if (packet.Length > SlotSize) return false;
        var position = _head;
        var index = (int)(position & _mask);
        var slot = _slots[index] ??= GC.AllocateUninitializedArray<byte>(SlotSize); // once per slot for the room's lifetime
        packet.CopyTo(slot);
        _entries[index] = entry with { Length = packet.Length };
        if (entry.IsVideo && (uint)entry.Layer < MaxStreams)
        {
            _bySequence[entry.Layer][entry.Sequence & (IndexSize - 1)] = position;
            if (entry.KeyframeStart && !IsSameKeyframe(entry)) Volatile.Write(ref _lastKeyframe[entry.Layer], position);
        }

        Volatile.Write(ref _head, position + 1);
        return true;
    }

    /// <summary>A keyframe split over several "start" packets (SPS, then IDR) counts from its first.</summary>
    private bool IsSameKeyframe(in RingEntry entry)
    {
        var last = _lastKeyframe[entry.Layer];
        if (last < 0 || _head - last >= _entries.Length) return false;
        ref readonly var previous = ref _entries[(int)(last & _mask)];
        return previous.Ssrc == entry.Ssrc && previous.Timestamp == entry.Timestamp;
    }

    /// <summary>True while position still holds its packet (not yet overwritten, already written).</summary>
    public bool IsRetained(long position)
    {
        var head = Volatile.Read(ref _head);
        return position >= 0 && position < head && head - position < _entries.Length;
    }

    /// <summary>
    /// The metadata of a position; check <see cref="Confirm"/> after using it, since the writer
    /// may have overwritten the slot meanwhile.
    /// </summary>
    public RingEntry EntryAt(long position) => _entries[(int)(position & _mask)];

    /// <summary>Copies a position's bytes into <paramref name="destination"/>; 0 when not retained.</summary>
    public int CopyTo(long position, RingEntry entry, Span<byte> destination)
    {
        var slot = _slots[(int)(position & _mask)];
        if (slot is null || entry.Length > destination.Length) return 0;
        slot.AsSpan(0, entry.Length).CopyTo(destination);
        return Confirm(position) ? entry.Length : 0;
    }

    /// <summary>
    /// The sequence-lock check: true when the writer has not started on position's slot again, so
    /// what was read from it (metadata and bytes) belongs to position.
    /// </summary>
    public bool Confirm(long position)
    {
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _head) - position < _entries.Length;
    }

    /// <summary>Where a video packet of a layer is, by its SSRC and sequence number (for NACKs); −1 when gone.</summary>
    public long Find(int layer, uint ssrc, ushort sequence)
    {
        if ((uint)layer >= MaxStreams) return -1;
        var position = Volatile.Read(ref _bySequence[layer][sequence & (IndexSize - 1)]);
        if (!IsRetained(position)) return -1;
        var entry = EntryAt(position);
        return entry.Ssrc == ssrc && entry.Sequence == sequence && Confirm(position) ? position : -1;
    }
}
