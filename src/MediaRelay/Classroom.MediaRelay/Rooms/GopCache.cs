namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// The publisher's video since its last keyframe, so a viewer who joins starts decoding at once
/// instead of waiting for a keyframe request round trip (ARCHITECTURE.md "a new viewer starts
/// from the cached keyframe"). Chromium sends keyframes only when asked, so the picture group
/// grows; past <c>maxPackets</c> the cache gives up until the next keyframe and a joining viewer
/// falls back to a keyframe request. Touched only on the publisher's receive path. The cache owns
/// its slot buffers and reuses them (a shared pool drops hundreds of buffers returned at once,
/// which would allocate on every packet).
/// </summary>
internal sealed class GopCache(int maxPackets)
{
    private const int SlotSize = 1500;

    private readonly byte[]?[] _slots = new byte[]?[maxPackets];
    private readonly int[] _lengths = new int[maxPackets];
    private int _count;
    private bool _valid;
    private uint _keyframeTimestamp;

    /// <summary>True when the cache holds a keyframe and everything after it.</summary>
    public bool IsValid => _valid;

    public int Count => _count;

    public void Add(ReadOnlySpan<byte> packet, uint timestamp, bool keyframeStart)
    {
        if (keyframeStart && (!_valid || timestamp != _keyframeTimestamp))
        {
            Reset();
            _valid = true;
            _keyframeTimestamp = timestamp;
        }

        if (!_valid) return;
        if (_count == _slots.Length || packet.Length > SlotSize)
        {
            Reset();
            return;
        }

        var slot = _slots[_count] ??= new byte[SlotSize]; // once per slot for the room's lifetime
        packet.CopyTo(slot);
        _lengths[_count++] = packet.Length;
    }

    /// <summary>The cached packets in arrival order.</summary>
    public ReadOnlySpan<byte> this[int index] => _slots[index].AsSpan(0, _lengths[index]);

    public void Reset()
    {
        _count = 0;
        _valid = false;
    }
}
