using System.Buffers.Binary;
using System.Text;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// The parts of an SRT handshake packet the front reads and writes (SRT draft-sharabayko-srt-01
/// §3.2.1 and §4.3; HSv5). Offsets from the start of the UDP payload:
/// <code>
///  0  |1|  control type (0 = handshake)  |  subtype  |
///  4  type-specific | 8 timestamp | 12 destination socket id
/// 16  version | 20 encryption field (16) | 22 extension field (16)
/// 24  initial sequence | 28 MTU | 32 flow window | 36 handshake type
/// 40  SRT socket id | 44 SYN cookie | 48 peer IP (16) | 64 extensions: type (16), length in words (16), content
/// </code>
/// </summary>
internal static class SrtHandshake
{
    public const int MinLength = 64;
    public const uint Induction = 1, Conclusion = 0xFFFFFFFF;
    public const ushort StreamIdExtension = 5;
    private const ushort Hsv5Magic = 0x4A17;

    public static bool IsHandshake(ReadOnlySpan<byte> p) => p.Length >= MinLength && p[0] == 0x80 && p[1] == 0x00;

    public static uint Type(ReadOnlySpan<byte> p) => BinaryPrimitives.ReadUInt32BigEndian(p[36..]);

    public static uint SocketId(ReadOnlySpan<byte> p) => BinaryPrimitives.ReadUInt32BigEndian(p[40..]);

    public static uint Cookie(ReadOnlySpan<byte> p) => BinaryPrimitives.ReadUInt32BigEndian(p[44..]);

    public static void SetCookie(Span<byte> p, uint cookie) => BinaryPrimitives.WriteUInt32BigEndian(p[44..], cookie);

    /// <summary>The listener's answer to an induction (§4.3.1.1): version 5, the HSv5 magic, our cookie, to the caller's socket.</summary>
    public static byte[] InductionResponse(ReadOnlySpan<byte> induction, uint cookie, uint ourSocketId)
    {
        var response = induction[..MinLength].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(12), SocketId(induction)); // to the caller's socket
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(16), 5);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(20), 0);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(22), Hsv5Magic);
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(36), Induction);
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(40), ourSocketId);
        SetCookie(response, cookie);
        return response;
    }

    /// <summary>A rejection (handshake type 1000 + reason, §4.3.2; reason 2 = the peer refused) answering a conclusion.</summary>
    public static byte[] Rejection(ReadOnlySpan<byte> conclusion, uint ourSocketId)
    {
        var response = conclusion[..MinLength].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(12), SocketId(conclusion));
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(36), 1002);
        BinaryPrimitives.WriteUInt32BigEndian(response.AsSpan(40), ourSocketId);
        return response;
    }

    /// <summary>
    /// The stream id of a conclusion (extension type 5): UTF-8 in 32-bit words, each word's bytes
    /// in reverse order on the wire (libsrt writes it as host-order words), padded with zeros.
    /// </summary>
    public static bool TryStreamId(ReadOnlySpan<byte> p, out string streamId)
    {
        streamId = string.Empty;
        var offset = MinLength;
        while (p.Length - offset >= 4)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(p[offset..]);
            var bytes = BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 2)..]) * 4;
            offset += 4;
            if (bytes > p.Length - offset) return false;
            if (type == StreamIdExtension)
            {
                if (bytes > 512) return false; // libsrt's own limit is 512 bytes
                var text = p.Slice(offset, bytes).ToArray();
                for (var i = 0; i + 4 <= text.Length; i += 4) text.AsSpan(i, 4).Reverse();
                streamId = Encoding.UTF8.GetString(text).TrimEnd('\0');
                return true;
            }

            offset += bytes;
        }

        return false;
    }
}
