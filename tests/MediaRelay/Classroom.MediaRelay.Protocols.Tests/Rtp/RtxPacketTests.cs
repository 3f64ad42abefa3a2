using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Protocols.Rtp;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

public class RtxPacketTests
{
    [Fact]
    public void Write_replaces_pt_ssrc_and_sequence_prefixes_the_osn_and_keeps_csrcs_and_extensions()
    {
        var original = new byte[80];
        var writer = new RtpWriter(original, 96, 65535, 90000, 0xAAAA, marker: true);
        writer.AddCsrc(7);
        writer.AddCsrc(8);
        writer.AddExtension(2, [1, 2, 3]);
        writer.AddExtension(10, "m"u8);
        int length = writer.Complete([1, 2, 3, 4], paddingLength: 5);

        var rtx = new byte[80];
        int rtxLength = RtxPacket.Write(original.AsSpan(0, length), rtx, 97, 0xBBBB, 12);

        Assert.Equal(length - 5 + 2, rtxLength);
        Assert.True(RtpHeader.TryRead(rtx.AsSpan(0, rtxLength), out RtpHeader header));
        Assert.Equal(97, header.PayloadType);
        Assert.True(header.Marker);
        Assert.Equal(0xBBBBu, header.Ssrc);
        Assert.Equal(12, header.SequenceNumber);
        Assert.Equal(90000u, header.Timestamp);
        Assert.False(header.HasPadding);
        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(8u, header.GetCsrc(1));
        Assert.True(RtpHeaderExtensions.TryFind(rtx.AsSpan(0, rtxLength), 10, out ReadOnlySpan<byte> rid));
        Assert.Equal("6d", Hex.Format(rid));
        Assert.True(RtpRetransmission.TryUnwrap(header, out ushort osn, out ReadOnlySpan<byte> payload));
        Assert.Equal(65535, osn);
        Assert.Equal("01020304", Hex.Format(payload));
    }

    [Fact]
    public void Write_matches_the_throwing_wrap_byte_for_byte()
    {
        var original = new byte[64];
        var writer = new RtpWriter(original, 100, 5, 6, 7);
        int length = writer.Complete([9, 8, 7]);
        var a = new byte[64];
        var b = new byte[64];
        int la = RtxPacket.Write(original.AsSpan(0, length), a, 101, 99, 1);
        int lb = RtpRetransmission.Wrap(original.AsSpan(0, length), b, 101, 99, 1);
        Assert.Equal(lb, la);
        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80 60 00 01")]
    [InlineData("40 60 00 01 00 00 00 01 00 00 00 02 aa")] // version 1
    [InlineData("a0 60 00 01 00 00 00 01 00 00 00 02 aa 00")] // padding count 0
    [InlineData("a0 60 00 01 00 00 00 01 00 00 00 02 aa 09")] // padding longer than the payload
    [InlineData("81 60 00 01 00 00 00 01 00 00 00 02")] // CSRC missing
    public void Malformed_input_writes_nothing(string hex)
    {
        var destination = new byte[64];
        Assert.Equal(0, RtxPacket.Write(Hex.Parse(hex), destination, 97, 1, 1));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Too_small_or_overlapping_destination_writes_nothing()
    {
        var original = new byte[40];
        int length = new RtpWriter(original, 96, 1, 2, 3).Complete([1, 2, 3, 4]);
        Assert.Equal(0, RtxPacket.Write(original.AsSpan(0, length), new byte[length + 1], 97, 1, 1));
        Assert.Equal(length + 2, RtxPacket.Write(original.AsSpan(0, length), new byte[length + 2], 97, 1, 1));
        Assert.Equal(0, RtxPacket.Write(original.AsSpan(0, length), original.AsSpan(2), 97, 1, 1));
    }

    [Fact]
    public void Write_allocates_nothing()
    {
        var original = new byte[1200];
        int length = new RtpWriter(original, 96, 1, 2, 3).Complete(new byte[1000]);
        var destination = new byte[1300];
        WriteMany(original, length, destination, 100); // warm-up: JIT done
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = WriteMany(original, length, destination, 10_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000L * (length + 2), total);
    }

    // Fully optimised from the first call: no tier-up or on-stack replacement (which allocate) inside the measurement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long WriteMany(byte[] original, int length, byte[] destination, int count)
    {
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            total += RtxPacket.Write(original.AsSpan(0, length), destination, 97, 9, (ushort)i);
        }

        return total;
    }

    [Property(MaxTest = 500)]
    public bool Random_bytes_never_throw_and_round_trip_when_accepted(byte[] bytes, ushort sequence)
    {
        bytes ??= [];
        var destination = new byte[bytes.Length + 2];
        int length = RtxPacket.Write(bytes, destination, 97, 0x1234, sequence);
        if (length == 0)
        {
            return true;
        }

        return RtpHeader.TryRead(bytes, out RtpHeader original)
            && RtpHeader.TryRead(destination.AsSpan(0, length), out RtpHeader rtx)
            && rtx.SequenceNumber == sequence && rtx.Ssrc == 0x1234 && rtx.PayloadType == 97
            && RtpRetransmission.TryUnwrap(rtx, out ushort osn, out ReadOnlySpan<byte> payload)
            && osn == original.SequenceNumber && payload.SequenceEqual(original.Payload);
    }
}
