using System.Buffers.Binary;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// A validated RTP packet viewed in place (RFC 3550 §5.1); the constructor does no work and
/// nothing is copied, so the relay can parse every packet it forwards.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      defined by profile       |           length              |  (X = 1, §5.3.1)
/// |                        header extension                       |
/// </code>
/// </summary>
public readonly ref struct RtpHeader
{
    private RtpHeader(ReadOnlySpan<byte> packet, int headerLength, int paddingLength)
    {
        Packet = packet;
        HeaderLength = headerLength;
        PaddingLength = paddingLength;
    }

    /// <summary>The whole packet.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>Fixed header + CSRCs + extension.</summary>
    public int HeaderLength { get; }

    /// <summary>Padding bytes at the end (0 when P is clear), including the count byte.</summary>
    public int PaddingLength { get; }

    /// <summary>Always 2 for a packet that passed <see cref="TryRead"/>.</summary>
    public int Version => Packet[0] >> 6;

    /// <summary>P bit.</summary>
    public bool HasPadding => (Packet[0] & 0x20) != 0;

    /// <summary>X bit.</summary>
    public bool HasExtension => (Packet[0] & 0x10) != 0;

    /// <summary>Number of CSRCs.</summary>
    public int CsrcCount => Packet[0] & 0x0F;

    /// <summary>M bit (end of frame for video, start of talkspurt for audio).</summary>
    public bool Marker => (Packet[1] & 0x80) != 0;

    /// <summary>Payload type.</summary>
    public byte PayloadType => (byte)(Packet[1] & 0x7F);

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(Packet[2..]);

    /// <summary>Media timestamp.</summary>
    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(Packet[4..]);

    /// <summary>Synchronization source.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(Packet[8..]);

    /// <summary>"Defined by profile" of the extension block, 0 when there is none.</summary>
    public ushort ExtensionProfile =>
        HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(Packet[ExtensionStart..]) : (ushort)0;

    /// <summary>The extension elements (without the 4-byte block header).</summary>
    public ReadOnlySpan<byte> ExtensionData =>
        HasExtension ? Packet[(ExtensionStart + 4)..HeaderLength] : ReadOnlySpan<byte>.Empty;

    /// <summary>True when the block uses the RFC 8285 one-byte or two-byte form.</summary>
    public bool HasRfc8285Extensions =>
        ExtensionProfile == RtpExtensionProfile.OneByte || (ExtensionProfile & RtpExtensionProfile.TwoByteMask) == RtpExtensionProfile.TwoByte;

    /// <summary>The payload, padding removed.</summary>
    public ReadOnlySpan<byte> Payload => Packet[HeaderLength..(Packet.Length - PaddingLength)];

    /// <summary>Offset of the payload from the start of the packet.</summary>
    public int PayloadOffset => HeaderLength;

    private int ExtensionStart => 12 + (CsrcCount * 4);

    /// <summary>
    /// Validates and views a packet. False for: fewer than 12 bytes, version ≠ 2, CSRC list or
    /// extension past the end, P set with a zero count or a count larger than what follows the header.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (!RtpLayout.TryGetHeaderLength(packet, packet.Length, out int headerLength))
        {
            return false;
        }

        int padding = 0;
        if ((packet[0] & 0x20) != 0)
        {
            // §5.1: the last octet counts the padding, itself included; 0 is meaningless.
            padding = packet[^1];
            if (padding == 0 || padding > packet.Length - headerLength)
            {
                return false;
            }
        }

        header = new RtpHeader(packet, headerLength, padding);
        return true;
    }

    /// <summary>CSRC number <paramref name="index"/> (0-based, below <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)CsrcCount, nameof(index));
        return BinaryPrimitives.ReadUInt32BigEndian(Packet[(12 + (index * 4))..]);
    }

    /// <summary>Iterates RFC 8285 elements (empty when the block uses another profile).</summary>
    public RtpExtensionEnumerator Extensions
    {
        get
        {
            if (!HasRfc8285Extensions)
            {
                return new RtpExtensionEnumerator(ReadOnlySpan<byte>.Empty, 0, false);
            }

            bool twoByte = ExtensionProfile != RtpExtensionProfile.OneByte;
            return new RtpExtensionEnumerator(ExtensionData, ExtensionStart + 4, twoByte);
        }
    }

    /// <summary>Finds an extension element by its negotiated id.</summary>
    public bool TryGetExtension(byte id, out ReadOnlySpan<byte> value)
    {
        foreach (RtpExtensionElement element in Extensions)
        {
            if (element.Id == id)
            {
                value = element.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Finds where an element's value sits in the packet, for in-place rewrites.</summary>
    public bool TryGetExtensionOffset(byte id, out int offset, out int length)
    {
        foreach (RtpExtensionElement element in Extensions)
        {
            if (element.Id == id)
            {
                offset = element.Offset;
                length = element.Value.Length;
                return true;
            }
        }

        offset = 0;
        length = 0;
        return false;
    }
}
