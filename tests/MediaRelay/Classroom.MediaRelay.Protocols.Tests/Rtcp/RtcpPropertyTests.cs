using Classroom.MediaRelay.Protocols.Rtcp;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Rtcp;

/// <summary>Write → parse round trips for every writer; random compounds never throw.</summary>
public class RtcpPropertyTests
{
    [Property(MaxTest = 300)]
    public bool Sender_report_round_trips(uint ssrc, ulong ntp, uint rtp, uint packets, uint octets, uint[] seeds)
    {
        RtcpReportBlock[] blocks = (seeds ?? []).Take(31).Select(s => new RtcpReportBlock(s, (byte)s, (int)(s % 0x7FFFFF) - 0x400000, s * 3, s / 7, ~s, s ^ 0x5555)).ToArray();
        var buffer = new byte[28 + (blocks.Length * 24)];
        int length = RtcpSenderReport.Write(buffer, ssrc, ntp, rtp, packets, octets, blocks);
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        if (!reader.TryReadNext(out RtcpPacket packet) || !RtcpSenderReport.TryRead(packet, out RtcpSenderReport sr))
        {
            return false;
        }

        bool same = sr.Ssrc == ssrc && sr.NtpTimestamp == ntp && sr.RtpTimestamp == rtp && sr.PacketCount == packets
            && sr.OctetCount == octets && sr.ReportCount == blocks.Length;
        for (int i = 0; i < blocks.Length; i++)
        {
            same &= sr.GetReportBlock(i) == blocks[i];
        }

        return same && !reader.TryReadNext(out _) && !reader.IsMalformed;
    }

    [Property(MaxTest = 300)]
    public bool Nack_round_trips(ushort start, byte[] gaps)
    {
        gaps ??= [];
        var lost = new List<ushort>();
        ushort current = start;
        foreach (byte gap in gaps.Take(100))
        {
            lost.Add(current);
            current = (ushort)(current + 1 + (gap % 40));
        }

        if (lost.Count == 0)
        {
            return true;
        }

        var buffer = new byte[RtcpNack.GetWriteLength(lost.ToArray())];
        int length = RtcpNack.Write(buffer, 1, 2, lost.ToArray());
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        if (!reader.TryReadNext(out RtcpPacket packet) || !RtcpNack.TryRead(packet, out RtcpFeedbackHeader header))
        {
            return false;
        }

        var read = new ushort[RtcpNack.MaxSequenceNumbers(header.Fci)];
        int count = RtcpNack.GetLostSequenceNumbers(header.Fci, read);
        return read.AsSpan(0, count).SequenceEqual(lost.ToArray());
    }

    [Property(MaxTest = 300)]
    public bool Transport_cc_round_trips(ushort baseSequence, short referenceTime, byte feedbackCount, short[] deltas, bool[] received)
    {
        deltas ??= [];
        received ??= [];
        int n = Math.Min(deltas.Length, received.Length);
        if (n == 0)
        {
            return true;
        }

        var packets = new TransportCcPacket[n];
        for (int i = 0; i < n; i++)
        {
            // Make long runs likely too, so run-length chunks get exercised.
            bool got = received[i] || (deltas[i] % 3 == 0);
            packets[i] = new TransportCcPacket(0, got ? TransportCcStatus.SmallDelta : TransportCcStatus.NotReceived, got ? deltas[i] : 0);
        }

        var buffer = new byte[TransportCcWriter.MaxLength(n)];
        int length = TransportCcWriter.Write(buffer, 1, 2, baseSequence, referenceTime, feedbackCount, packets);
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        if (length % 4 != 0 || !reader.TryReadNext(out RtcpPacket packet) || !TransportCcFeedback.TryRead(packet, out TransportCcFeedback feedback))
        {
            return false;
        }

        var read = new TransportCcPacket[n];
        if (!feedback.TryGetPackets(read, out int count) || count != n || feedback.ReferenceTime != referenceTime
            || feedback.BaseSequenceNumber != baseSequence || feedback.FeedbackPacketCount != feedbackCount)
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            if (read[i].SequenceNumber != (ushort)(baseSequence + i) || read[i].Received != packets[i].Received || read[i].DeltaTicks != packets[i].DeltaTicks)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool Remb_round_trips_within_mantissa_precision(uint bitrate, uint[] ssrcs)
    {
        ssrcs = (ssrcs ?? []).Take(20).ToArray();
        var buffer = new byte[20 + (ssrcs.Length * 4)];
        int length = RtcpRemb.Write(buffer, 9, bitrate, ssrcs);
        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        return reader.TryReadNext(out RtcpPacket packet)
            && RtcpRemb.TryRead(packet, out uint sender, out ulong read, out int count, out _)
            && sender == 9 && count == ssrcs.Length
            && read <= bitrate && bitrate - read < Math.Max(1, bitrate >> 17);
    }

    [Property(MaxTest = 1000)]
    public void Random_compounds_never_throw(byte[] data)
    {
        data ??= [];
        if (data.Length > 1)
        {
            data[0] = (byte)((data[0] & 0x1F) | 0x80); // version 2, no padding: reach the typed parsers
            data[1] = (byte)(200 + (data[1] % 7));
        }

        var reader = new RtcpCompoundReader(data);
        Span<ushort> lost = stackalloc ushort[1024];
        var twcc = new TransportCcPacket[ushort.MaxValue];
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            if (RtcpSenderReport.TryRead(packet, out RtcpSenderReport sr) && sr.ReportCount > 0)
            {
                _ = sr.GetReportBlock(sr.ReportCount - 1);
            }

            if (RtcpReceiverReport.TryRead(packet, out RtcpReceiverReport rr) && rr.ReportCount > 0)
            {
                _ = rr.GetReportBlock(rr.ReportCount - 1);
            }

            _ = RtcpSourceDescription.TryGetCname(packet, 0, out _, out _);
            _ = RtcpGoodbye.TryRead(packet, out _);
            if (RtcpNack.TryRead(packet, out RtcpFeedbackHeader nack))
            {
                _ = RtcpNack.GetLostSequenceNumbers(nack.Fci, lost);
            }

            _ = RtcpPictureLoss.TryRead(packet, out _, out _);
            if (RtcpFullIntraRequest.TryRead(packet, out RtcpFeedbackHeader fir))
            {
                _ = RtcpFullIntraRequest.GetEntry(fir, RtcpFullIntraRequest.EntryCount(fir) - 1);
            }

            _ = RtcpRemb.TryRead(packet, out _, out _, out _, out _);
            if (TransportCcFeedback.TryRead(packet, out TransportCcFeedback feedback))
            {
                _ = feedback.TryGetPackets(twcc, out _);
            }
        }
    }
}
