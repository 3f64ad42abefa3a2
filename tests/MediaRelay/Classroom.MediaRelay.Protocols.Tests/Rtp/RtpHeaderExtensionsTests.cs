using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Protocols.Rtp;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

public class RtpHeaderExtensionsTests
{
    private static byte[] Packet(bool twoByte, byte[] payload, byte padding = 0, params (byte Id, byte[] Value)[] extensions)
    {
        var buffer = new byte[12 + 8 + 4 + (extensions.Length * 260) + payload.Length + padding];
        var writer = new RtpWriter(buffer, 96, 4321, 123456, 0xCAFEBABE, marker: true, twoByteExtensions: twoByte);
        writer.AddCsrc(0x01020304);
        foreach ((byte id, byte[] value) in extensions)
        {
            writer.AddExtension(id, value);
        }

        int length = writer.Complete(payload, padding);
        return buffer[..length];
    }

    [Fact]
    public void TryFind_reads_one_byte_elements()
    {
        byte[] packet = Packet(false, [9, 9], 0, (1, "0"u8.ToArray()), (3, [0xAA, 0xBB, 0xCC]), (14, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
        Assert.True(RtpHeaderExtensions.TryFind(packet, 3, out ReadOnlySpan<byte> value));
        Assert.Equal("aabbcc", Hex.Format(value));
        Assert.True(RtpHeaderExtensions.TryFind(packet, 14, out value));
        Assert.Equal(16, value.Length);
        Assert.True(RtpHeaderExtensions.TryFind(packet, 1, out value));
        Assert.Equal("30", Hex.Format(value));
        Assert.False(RtpHeaderExtensions.TryFind(packet, 2, out _));
        Assert.False(RtpHeaderExtensions.TryFind(packet, 15, out _)); // not representable in a one-byte block
        Assert.False(RtpHeaderExtensions.TryFind(packet, 0, out _));
    }

    [Fact]
    public void TryFind_reads_two_byte_elements_including_ids_above_14_and_empty_values()
    {
        byte[] packet = Packet(true, [7], 0, (15, [1, 2]), (200, new byte[40]), (5, []));
        Assert.True(RtpHeaderExtensions.TryFind(packet, 15, out ReadOnlySpan<byte> value));
        Assert.Equal("0102", Hex.Format(value));
        Assert.True(RtpHeaderExtensions.TryFind(packet, 200, out value));
        Assert.Equal(40, value.Length);
        Assert.True(RtpHeaderExtensions.TryFind(packet, 5, out value));
        Assert.True(value.IsEmpty);
        Assert.False(RtpHeaderExtensions.TryFind(packet, 256, out _));
    }

    [Fact]
    public void TryFind_is_false_without_a_block_or_with_a_foreign_profile()
    {
        byte[] plain = Packet(false, [1, 2, 3]);
        Assert.False(RtpHeaderExtensions.TryFind(plain, 1, out _));

        // X set, profile 0xABCD (not RFC 8285), one word of data that would look like id 1.
        byte[] foreign = Hex.Parse("90 60 00 01 00 00 00 01 00 00 00 02 ab cd 00 01 10 ff 00 00 77");
        Assert.False(RtpHeaderExtensions.TryFind(foreign, 1, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("90")]
    [InlineData("90 60 00 01 00 00 00 01 00 00 00 02")] // X set, block header missing
    [InlineData("90 60 00 01 00 00 00 01 00 00 00 02 be de 00 05 10 aa")] // block longer than the packet
    [InlineData("50 60 00 01 00 00 00 01 00 00 00 02 be de 00 01 10 aa 00 00")] // version 1
    [InlineData("9f 60 00 01 00 00 00 01 00 00 00 02 be de 00 01 10 aa 00 00")] // 15 CSRCs claimed, not there
    [InlineData("90 60 00 01 00 00 00 01 00 00 00 02 be de 00 01 1f aa 00 00")] // element runs past the block
    [InlineData("90 60 00 01 00 00 00 01 00 00 00 02 10 00 00 01 01 09 aa 00")] // two-byte element runs past the block
    public void Malformed_packets_give_false_and_zero_without_throwing(string hex)
    {
        byte[] packet = Hex.Parse(hex);
        Assert.False(RtpHeaderExtensions.TryFind(packet, 1, out _));
        byte[] buffer = new byte[packet.Length + 16];
        packet.CopyTo(buffer, 0);
        if (hex.Contains("1f aa", StringComparison.Ordinal) || hex.Contains("01 09 aa", StringComparison.Ordinal))
        {
            return; // the block itself is well-framed; only its elements are bad, so it can be replaced
        }

        Assert.Equal(0, RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, packet.Length, 2, 0x123456));
        Assert.Equal(packet, buffer[..packet.Length]);
    }

    [Fact]
    public void Replace_drops_the_publishers_block_and_writes_only_abs_send_time()
    {
        byte[] payload = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        byte[] original = Packet(false, payload, 0, (1, "0"u8.ToArray()), (10, "h"u8.ToArray()), (3, [0, 7]));
        byte[] buffer = new byte[original.Length + 16];
        original.CopyTo(buffer, 0);

        int length = RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, original.Length, 2, 0xABCDEF);

        Assert.Equal(12 + 4 + 8 + payload.Length, length);
        Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header));
        Assert.Equal(RtpExtensionProfile.OneByte, header.ExtensionProfile);
        Assert.Equal(4, header.ExtensionData.Length); // padded to one 32-bit word
        Assert.True(RtpHeaderExtensions.TryFind(buffer.AsSpan(0, length), 2, out ReadOnlySpan<byte> ast));
        Assert.True(RtpExtensionValues.TryReadAbsSendTime(ast, out uint value));
        Assert.Equal(0xABCDEFu, value);
        Assert.False(RtpHeaderExtensions.TryFind(buffer.AsSpan(0, length), 1, out _));
        Assert.False(RtpHeaderExtensions.TryFind(buffer.AsSpan(0, length), 10, out _));
        Assert.Equal(payload, header.Payload.ToArray());
        Assert.Equal(0x01020304u, header.GetCsrc(0));
        Assert.Equal(4321, header.SequenceNumber);
        Assert.Equal(123456u, header.Timestamp);
        Assert.Equal(0xCAFEBABEu, header.Ssrc);
        Assert.True(header.Marker);
        Assert.Equal(96, header.PayloadType);
    }

    [Fact]
    public void Replace_adds_a_block_to_a_packet_without_one_and_keeps_padding_valid()
    {
        byte[] payload = [0xDE, 0xAD, 0xBE, 0xEF, 0x01];
        byte[] original = Packet(false, payload, padding: 3);
        byte[] buffer = new byte[original.Length + RtpHeaderExtensions.AbsSendTimeBlockLength];
        original.CopyTo(buffer, 0);

        int length = RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, original.Length, 14, 0x1000001); // high bits ignored

        Assert.Equal(original.Length + 8, length);
        Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header));
        Assert.True(header.HasExtension);
        Assert.True(header.HasPadding);
        Assert.Equal(3, header.PaddingLength);
        Assert.Equal(payload, header.Payload.ToArray());
        Assert.True(header.TryGetExtension(14, out ReadOnlySpan<byte> ast));
        Assert.Equal("000001", Hex.Format(ast));
    }

    [Fact]
    public void Replace_of_a_large_two_byte_block_shrinks_the_packet()
    {
        byte[] payload = [5, 6, 7];
        byte[] original = Packet(true, payload, 0, (1, new byte[100]), (20, new byte[30]));
        byte[] buffer = new byte[original.Length + 16];
        original.CopyTo(buffer, 0);

        int length = RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, original.Length, 3, 7);

        Assert.Equal(12 + 4 + 8 + 3, length);
        Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header));
        Assert.Equal(payload, header.Payload.ToArray());
        Assert.True(RtpHeaderExtensions.TryFind(buffer.AsSpan(0, length), 3, out ReadOnlySpan<byte> ast));
        Assert.Equal("000007", Hex.Format(ast));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(-1)]
    public void Replace_refuses_ids_a_one_byte_block_cannot_carry(int id)
    {
        byte[] original = Packet(false, [1]);
        byte[] buffer = new byte[original.Length + 16];
        original.CopyTo(buffer, 0);
        Assert.Equal(0, RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, original.Length, id, 1));
        Assert.Equal(0, RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, buffer.Length + 1, 2, 1));
        Assert.Equal(0, RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, -4, 2, 1));
    }

    [Fact]
    public void Replace_refuses_a_buffer_without_room_and_leaves_it_untouched()
    {
        byte[] original = Packet(false, [1, 2, 3]);
        byte[] buffer = (byte[])original.Clone();
        Assert.Equal(0, RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, buffer.Length, 2, 1));
        Assert.Equal(original, buffer);
    }

    [Fact]
    public void Remove_drops_the_block_and_keeps_header_payload_and_padding()
    {
        byte[] payload = [1, 2, 3, 4, 5];
        byte[] original = Packet(true, payload, 2, (1, new byte[20]), (30, [7]));
        byte[] buffer = (byte[])original.Clone();

        int length = RtpHeaderExtensions.Remove(buffer, buffer.Length);

        Assert.Equal(12 + 4 + payload.Length + 2, length);
        Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header));
        Assert.False(header.HasExtension);
        Assert.Equal(payload, header.Payload.ToArray());
        Assert.Equal(2, header.PaddingLength);
        Assert.Equal(0x01020304u, header.GetCsrc(0));
        Assert.Equal(4321, header.SequenceNumber);

        byte[] plain = Packet(false, payload);
        Assert.Equal(plain.Length, RtpHeaderExtensions.Remove((byte[])plain.Clone(), plain.Length));
        Assert.Equal(0, RtpHeaderExtensions.Remove(new byte[5], 5));
        Assert.Equal(0, RtpHeaderExtensions.Remove(buffer, buffer.Length + 1));
        byte[] cut = Hex.Parse("90 60 00 01 00 00 00 01 00 00 00 02 be de 00 05 10 aa");
        Assert.Equal(0, RtpHeaderExtensions.Remove(cut, cut.Length));
    }

    [Fact]
    public void Find_replace_and_remove_allocate_nothing()
    {
        byte[] original = Packet(false, new byte[1000], 0, (1, "0"u8.ToArray()), (10, "h"u8.ToArray()));
        byte[] buffer = new byte[original.Length + 16];
        RoundTrips(original, buffer, 100); // warm-up: JIT done
        long before = GC.GetAllocatedBytesForCurrentThread();
        int done = RoundTrips(original, buffer, 10_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(30_000, done);
    }

    // Fully optimised from the first call: no tier-up or on-stack replacement (which allocate) inside the measurement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RoundTrips(byte[] original, byte[] buffer, int count)
    {
        int done = 0;
        for (int i = 0; i < count; i++)
        {
            original.CopyTo(buffer, 0);
            done += RtpHeaderExtensions.TryFind(buffer, 10, out _) ? 1 : 0;
            int length = RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, original.Length, 2, AbsSendTime.From(i * 10_000L));
            done += length > 0 ? 1 : 0;
            done += RtpHeaderExtensions.Remove(buffer, length) == length - RtpHeaderExtensions.AbsSendTimeBlockLength ? 1 : 0;
        }

        return done;
    }

    [Property(MaxTest = 500)]
    public bool Random_bytes_never_throw(byte[] bytes, byte id, uint value)
    {
        bytes ??= [];
        RtpHeaderExtensions.TryFind(bytes, id, out ReadOnlySpan<byte> found);
        byte[] buffer = new byte[bytes.Length + 16];
        bytes.CopyTo(buffer, 0);
        int length = RtpHeaderExtensions.ReplaceWithAbsSendTime(buffer, bytes.Length, (id % 14) + 1, value);
        byte[] copy = (byte[])bytes.Clone();
        int removed = RtpHeaderExtensions.Remove(copy, copy.Length);
        // Whatever was accepted must come back as a readable packet carrying the element.
        return found.Length <= bytes.Length && removed <= bytes.Length
            && (removed == 0 || !RtpHeaderExtensions.TryFind(copy.AsSpan(0, removed), (id % 14) + 1, out _))
            && (length == 0 || (RtpHeaderExtensions.TryFind(buffer.AsSpan(0, length), (id % 14) + 1, out ReadOnlySpan<byte> ast) && ast.Length == 3));
    }
}
