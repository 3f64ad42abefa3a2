using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Protocols.Internal;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// XOR-MAPPED-ADDRESS value coding (RFC 8489 §14.2). The port is XORed with the top 16 bits of
/// the magic cookie; an IPv4 address with the cookie; an IPv6 address with cookie ‖ transaction
/// id. The XOR exists so NATs that rewrite addresses inside payloads leave it alone.
/// <code>
///  |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
///  |                X-Address (Variable)
/// </code>
/// </summary>
public static class StunXorAddress
{
    private const byte FamilyIPv4 = 0x01;
    private const byte FamilyIPv6 = 0x02;

    /// <summary>Encoded length for an address family: 8 (IPv4) or 20 (IPv6).</summary>
    public static int GetEncodedLength(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? 20 : 8;

    /// <summary>Decodes the attribute value; false if the family or length is wrong.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 4 || transactionId.Length != StunConstants.TransactionIdLength)
        {
            return false;
        }

        int port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (int)(StunConstants.MagicCookie >> 16);
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        if (value[1] == FamilyIPv4 && value.Length == 8)
        {
            Span<byte> address = stackalloc byte[4];
            Xor(value.Slice(4, 4), mask, address);
            endPoint = new IPEndPoint(new IPAddress(address), port);
            return true;
        }

        if (value[1] == FamilyIPv6 && value.Length == 20)
        {
            Span<byte> address = stackalloc byte[16];
            Xor(value.Slice(4, 16), mask, address);
            endPoint = new IPEndPoint(new IPAddress(address), port);
            return true;
        }

        return false;
    }

    /// <summary>Encodes the value into <paramref name="destination"/>; returns bytes written.</summary>
    public static int Encode(IPEndPoint endPoint, ReadOnlySpan<byte> transactionId, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        IPAddress address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        int length = v6 ? 20 : 8;
        if (destination.Length < length)
        {
            ThrowHelper.DestinationTooSmall(nameof(destination));
        }

        if (transactionId.Length != StunConstants.TransactionIdLength)
        {
            ThrowHelper.Argument(nameof(transactionId), "A transaction id is 12 bytes.");
        }

        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        destination[0] = 0;
        destination[1] = v6 ? FamilyIPv6 : FamilyIPv4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(endPoint.Port ^ (int)(StunConstants.MagicCookie >> 16)));
        Span<byte> raw = stackalloc byte[16];
        address.TryWriteBytes(raw, out int written);
        Xor(raw[..written], mask, destination.Slice(4, written));
        return length;
    }

    private static void Xor(ReadOnlySpan<byte> value, ReadOnlySpan<byte> mask, Span<byte> destination)
    {
        for (int i = 0; i < value.Length; i++)
        {
            destination[i] = (byte)(value[i] ^ mask[i]);
        }
    }
}
