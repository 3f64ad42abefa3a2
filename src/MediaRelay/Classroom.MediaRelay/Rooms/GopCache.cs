using System.Buffers;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// The publisher's video since its last keyframe, so a viewer who joins starts decoding at once
/// instead of waiting for a keyframe request round trip (ARCHITECTURE.md "a new viewer starts
/// from the cached keyframe"). Chromium sends keyframes only when asked, so the picture group
/// grows; past <c>maxPackets</c> the cache gives up until the next keyframe and a joining viewer
/// falls back to a keyframe request. Touched only on the publisher's receive path; buffers come
/// from the shared pool and go back on reset.
/// </summary>
internal sealed class GopCache(int maxPackets)
{
    private readonly List<(byte[] Buffer, int Length)> _packets = new(maxPackets);
    private bool _valid;
    private uint _keyframeTimestamp;

    /// <summary>True when the cache holds a keyframe and everything after it.</summary>
    public bool IsValid => _valid;

    public int Count => _packets.Count;

    public void Add(ReadOnlySpan<byte> packet, uint timestamp, bool keyframeStart)
    {
        if (keyframeStart && (!_valid || timestamp != _keyframeTimestamp))
        {
            Reset();
            _valid = true;
            _keyframeTimestamp = timestamp;
        }

        if (!_valid) return;
        if (_packets.Count == maxPackets)
        {
            Reset();
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(packet.Length);
        packet.CopyTo(buffer);
        _packets.Add((buffer, packet.Length));
    }

    /// <summary>The cached packets in arrival order.</summary>
    public ReadOnlySpan<byte> this[int index] => _packets[index].Buffer.AsSpan(0, _packets[index].Length);

    public void Reset()
    {
        foreach (var (buffer, _) in _packets) ArrayPool<byte>.Shared.Return(buffer);
        _packets.Clear();
        _valid = false;
    }
}
