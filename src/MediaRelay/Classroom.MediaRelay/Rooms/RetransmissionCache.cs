namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// The publisher's recent video packets (decrypted, as received) keyed by their original
/// sequence number, so a player's generic NACK (RFC 4585 §6.2.1) is answered from here instead of
/// travelling to the publisher. A ring of <c>capacity</c> slots (a power of two that divides
/// 2^16, so slot = sequence mod capacity survives the 16-bit wrap); a newer packet evicts the
/// one <c>capacity</c> sequence numbers older. Written on the publisher's receive path, read on a
/// player's RTCP path (possibly another loop), so both take one short lock.
/// </summary>
internal sealed class RetransmissionCache
{
    private const int SlotSize = 1500;

    private readonly Lock _gate = new();
    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private readonly int[] _sequences; // −1: empty
    private readonly uint[] _ssrcs;
    private readonly int _mask;

    public RetransmissionCache(int capacity)
    {
        if (capacity < 1 || capacity > 0x10000 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "a power of two up to 65536");
        _slots = new byte[capacity][];
        _lengths = new int[capacity];
        _sequences = new int[capacity];
        _ssrcs = new uint[capacity];
        _mask = capacity - 1;
        Array.Fill(_sequences, -1);
    }

    public int Capacity => _slots.Length;

    public void Add(ReadOnlySpan<byte> packet, uint ssrc, ushort sequence)
    {
        if (packet.Length > SlotSize) return;
        var i = sequence & _mask;
        lock (_gate)
        {
            var slot = _slots[i] ??= new byte[SlotSize]; // once per slot for the room's lifetime
            packet.CopyTo(slot);
            _lengths[i] = packet.Length;
            _sequences[i] = sequence;
            _ssrcs[i] = ssrc;
        }
    }

    /// <summary>Copies the packet <paramref name="sequence"/> of <paramref name="ssrc"/> into <paramref name="destination"/>; 0 when not cached.</summary>
    public int TryCopy(uint ssrc, ushort sequence, Span<byte> destination)
    {
        var i = sequence & _mask;
        lock (_gate)
        {
            if (_sequences[i] != sequence || _ssrcs[i] != ssrc || _lengths[i] > destination.Length) return 0;
            _slots[i].AsSpan(0, _lengths[i]).CopyTo(destination);
            return _lengths[i];
        }
    }
}
