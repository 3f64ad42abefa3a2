using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Publisher sender reports (RFC 3550 §6.4.1): recorded for LSR/DLSR in the relay's receiver
/// reports, and passed to every consumer of the producer on its sink's own SSRC for that kind, so players can
/// map RTP time to wall-clock time (on their own RTP timeline) and keep audio and video in sync. The relay drops the report
/// blocks (they describe what the publisher received, which players have no use for).
/// </summary>
internal static class SenderReports
{
    public static void Forward(ReadOnlySpan<byte> compound, Producer producer, Consumer[] consumers, long nowTicks)
    {
        var reader = new RtcpCompoundReader(compound);
        Span<byte> buffer = stackalloc byte[128];
        while (reader.TryReadNext(out var packet))
        {
            if (packet.PacketType != RtcpPacketType.SenderReport || !RtcpSenderReport.TryRead(packet, out var sr)) continue;
            if (producer.StreamOfSsrc(sr.Ssrc) is not { } stream) continue;
            stream.Stats.OnSenderReport(sr.Ssrc, sr.NtpTimestamp, nowTicks);
            var video = stream.Kind == "video";
            var second = video && stream.Stream == PacketRing.SecondVideoStream;
            foreach (var consumer in consumers)
            {
                var track = !video ? consumer.Plan.Audio : second ? consumer.Plan.SecondVideo : consumer.Plan.Video;
                if (track is null || track.LocalSsrc == 0) continue;
                // A consumer on one simulcast layer gets only that layer's reports, and every one
                // gets the RTP time on its own timeline (offset across sources and layer switches).
                if (video && (second ? consumer.Second.CurrentSsrc : consumer.Camera.CurrentSsrc) != sr.Ssrc) continue;
                var rtpTime = track.Outbound.MapAgain(sr.Ssrc, 0, sr.RtpTimestamp).Timestamp;
                var n = RtcpSenderReport.Write(buffer, track.LocalSsrc, sr.NtpTimestamp, rtpTime, sr.PacketCount, sr.OctetCount, []);
                consumer.Sink.SendRtcp(buffer, n);
                consumer.Sink.RoundTrips?.OnSenderReportSent(sr.NtpTimestamp, nowTicks);
            }
        }
    }
}
