using System.Buffers.Binary;
using System.Text;

namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>
/// Value codings of the header extensions the relay negotiates (ids come from a=extmap):
/// transport-wide sequence number (draft-holmer-…-01 §2: 16-bit big-endian), abs-send-time
/// (webrtc.org: 24-bit 6.18 fixed-point seconds), and the SDES items mid / rid / repaired-rid
/// (RFC 8843 §15, RFC 8852: raw ASCII, no terminator).
/// </summary>
public static class RtpExtensionValues
{
    /// <summary>Reads a transport-wide sequence number.</summary>
    public static bool TryReadTransportSequence(ReadOnlySpan<byte> value, out ushort sequence)
    {
        sequence = value.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(value) : (ushort)0;
        return value.Length >= 2;
    }

    /// <summary>Writes a transport-wide sequence number (2 bytes).</summary>
    public static void WriteTransportSequence(Span<byte> destination, ushort sequence) =>
        BinaryPrimitives.WriteUInt16BigEndian(destination, sequence);

    /// <summary>Reads abs-send-time: 24 bits, 6 integer and 18 fractional bits of seconds.</summary>
    public static bool TryReadAbsSendTime(ReadOnlySpan<byte> value, out uint absSendTime)
    {
        absSendTime = value.Length >= 3 ? (uint)((value[0] << 16) | (value[1] << 8) | value[2]) : 0;
        return value.Length >= 3;
    }

    /// <summary>abs-send-time for a clock reading (wraps every 64 s, as the format does).</summary>
    public static uint ToAbsSendTime(TimeSpan sinceEpoch) =>
        (uint)((ulong)((sinceEpoch.Ticks << 18) / TimeSpan.TicksPerSecond) & 0xFFFFFF);

    /// <summary>Writes abs-send-time (3 bytes).</summary>
    public static void WriteAbsSendTime(Span<byte> destination, uint absSendTime)
    {
        destination[0] = (byte)(absSendTime >> 16);
        destination[1] = (byte)(absSendTime >> 8);
        destination[2] = (byte)absSendTime;
    }

    /// <summary>
    /// True when an SDES item value (mid, rid) equals <paramref name="expected"/>, without
    /// allocating a string on the forwarding path.
    /// </summary>
    public static bool SdesEquals(ReadOnlySpan<byte> value, ReadOnlySpan<byte> expected) => value.SequenceEqual(expected);

    /// <summary>The SDES item as a string (setup paths only: allocates).</summary>
    public static string SdesToString(ReadOnlySpan<byte> value) => Encoding.ASCII.GetString(value);
}
