using Classroom.MediaRelay.Protocols.Rtp;
using FsCheck;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Rtp;

/// <summary>Write → parse gives back what was written; random bytes never throw.</summary>
public class RtpPropertyTests
{
    [Property(MaxTest = 300)]
    public bool Write_then_read_round_trips(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, uint[] csrcs, byte[] payload, byte padding, bool twoByte, byte[] extensionSeeds)
    {
        payloadType &= 0x7F;
        csrcs = (csrcs ?? []).Take(15).ToArray();
        payload ??= [];
        extensionSeeds = (extensionSeeds ?? []).Take(10).ToArray();

        // Distinct ids 1..10 with lengths 1..16 derived from the seeds.
        byte[][] values = extensionSeeds.Select((seed, i) => Enumerable.Repeat((byte)(seed ^ i), 1 + (seed % 16)).ToArray()).ToArray();
        var buffer = new byte[12 + (15 * 4) + 4 + (values.Length * 18) + 4 + payload.Length + 255];
        var writer = new RtpWriter(buffer, payloadType, sequence, timestamp, ssrc, marker, twoByte);
        foreach (uint csrc in csrcs)
        {
            writer.AddCsrc(csrc);
        }

        for (int i = 0; i < values.Length; i++)
        {
            writer.AddExtension((byte)(i + 1), values[i]);
        }

        int length = writer.Complete(payload, padding);
        if (!RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header))
        {
            return false;
        }

        bool same = header.PayloadType == payloadType && header.SequenceNumber == sequence
            && header.Timestamp == timestamp && header.Ssrc == ssrc && header.Marker == marker
            && header.CsrcCount == csrcs.Length && header.Payload.SequenceEqual(payload)
            && header.PaddingLength == padding;
        for (int i = 0; i < csrcs.Length; i++)
        {
            same &= header.GetCsrc(i) == csrcs[i];
        }

        for (int i = 0; i < values.Length; i++)
        {
            same &= header.TryGetExtension((byte)(i + 1), out ReadOnlySpan<byte> value) && value.SequenceEqual(values[i]);
        }

        return same;
    }

    [Property(MaxTest = 1000)]
    public void Random_bytes_never_throw(byte[] data)
    {
        data ??= [];
        if (data.Length > 0)
        {
            data[0] = (byte)((data[0] & 0x3F) | 0x80); // version 2 so the parser gets past the first check
        }

        if (RtpHeader.TryRead(data, out RtpHeader header))
        {
            foreach (RtpExtensionElement element in header.Extensions)
            {
                _ = element.Value.Length;
            }

            _ = header.Payload.Length;
            for (int i = 0; i < header.CsrcCount; i++)
            {
                _ = header.GetCsrc(i);
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Rtp_extension_blocks_of_random_bytes_never_throw(byte[] block, bool twoByte)
    {
        block ??= [];
        int words = Math.Min(block.Length / 4, 50);
        var packet = new byte[12 + 4 + (words * 4)];
        packet[0] = 0x90;
        packet[12] = twoByte ? (byte)0x10 : (byte)0xBE;
        packet[13] = twoByte ? (byte)0x00 : (byte)0xDE;
        packet[15] = (byte)words;
        Array.Copy(block, 0, packet, 16, words * 4);
        Assert.True(RtpHeader.TryRead(packet, out RtpHeader header));
        foreach (RtpExtensionElement element in header.Extensions)
        {
            Assert.InRange(element.Offset + element.Value.Length, 0, packet.Length);
        }
    }
}
