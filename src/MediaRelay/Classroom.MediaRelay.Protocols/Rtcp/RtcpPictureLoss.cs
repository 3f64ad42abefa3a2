namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>
/// Picture Loss Indication (RFC 4585 §6.3.1): PSFB FMT 1 with no FCI. The relay sends it to a
/// publisher when a viewer needs a keyframe (throttled elsewhere, at most once a second).
/// </summary>
public static class RtcpPictureLoss
{
    /// <summary>A PLI is always 12 bytes.</summary>
    public const int Length = 12;

    /// <summary>Reads a PLI.</summary>
    public static bool TryRead(in RtcpPacket packet, out uint senderSsrc, out uint mediaSsrc)
    {
        bool ok = RtcpFeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.PictureLossIndication, out RtcpFeedbackHeader header);
        senderSsrc = header.SenderSsrc;
        mediaSsrc = header.MediaSsrc;
        return ok;
    }

    /// <summary>Writes a PLI; returns 12.</summary>
    public static int Write(Span<byte> destination, uint senderSsrc, uint mediaSsrc) =>
        RtcpFeedbackHeader.Write(destination, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.PictureLossIndication, senderSsrc, mediaSsrc, 0).Length;
}
