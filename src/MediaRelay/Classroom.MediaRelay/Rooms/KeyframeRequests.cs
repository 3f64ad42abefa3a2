using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.MediaRelay.Rooms;

/// <summary>Finds keyframe requests in a player's compound RTCP: PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1).</summary>
internal static class KeyframeRequests
{
    public static bool Contains(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.TryReadNext(out var packet))
        {
            if (packet.PacketType == RtcpPacketType.PayloadFeedback &&
                packet.Format is RtcpFeedbackFormat.PictureLossIndication or RtcpFeedbackFormat.FullIntraRequest)
                return true;
        }

        return false;
    }
}
