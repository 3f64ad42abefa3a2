namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>One RFC 8285 header extension element: its local id and value.</summary>
public readonly ref struct RtpExtensionElement
{
    /// <summary>Creates a view; does no work.</summary>
    public RtpExtensionElement(byte id, int offset, ReadOnlySpan<byte> value)
    {
        Id = id;
        Offset = offset;
        Value = value;
    }

    /// <summary>The id negotiated with a=extmap.</summary>
    public byte Id { get; }

    /// <summary>Offset of the value from the start of the packet, for in-place rewrites.</summary>
    public int Offset { get; }

    /// <summary>The element's data.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
