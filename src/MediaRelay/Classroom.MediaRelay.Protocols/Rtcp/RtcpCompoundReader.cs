namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Iterates the packets of a compound RTCP datagram (RFC 3550 §6.1). Stops at the first packet
/// that does not parse and sets <see cref="IsMalformed"/>; packets before it stay usable, which
/// matches what browsers do with a truncated compound.
/// </summary>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    /// <summary>Starts at the first packet.</summary>
    public RtcpCompoundReader(ReadOnlySpan<byte> compound)
    {
        _data = compound;
        _offset = 0;
        IsMalformed = compound.IsEmpty;
    }

    /// <summary>True once a packet failed to parse (or the datagram was empty).</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Reads the next packet; false at the end or on malformed input.</summary>
    public bool TryReadNext(out RtcpPacket packet)
    {
        packet = default;
        if (IsMalformed || _offset >= _data.Length)
        {
            return false;
        }

        if (!RtcpPacket.TryRead(_data[_offset..], out packet, out int consumed))
        {
            IsMalformed = true;
            return false;
        }

        _offset += consumed;
        return true;
    }

    /// <summary>True when every packet of the compound parses and the lengths add up exactly.</summary>
    public static bool IsValid(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.TryReadNext(out _))
        {
        }

        return !reader.IsMalformed;
    }
}
