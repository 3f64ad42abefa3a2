namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>One attribute of a parsed message: its type and its value (without padding).</summary>
public readonly ref struct StunAttribute
{
    /// <summary>Creates a view; does no work.</summary>
    public StunAttribute(ushort type, int offset, ReadOnlySpan<byte> value)
    {
        Type = type;
        Offset = offset;
        Value = value;
    }

    /// <summary>Attribute type (see <see cref="StunAttributeType"/>).</summary>
    public ushort Type { get; }

    /// <summary>Offset of the attribute header from the start of the message.</summary>
    public int Offset { get; }

    /// <summary>The value, padding excluded.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
