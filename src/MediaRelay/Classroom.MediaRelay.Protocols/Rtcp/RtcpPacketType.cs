namespace Classroom.MediaRelay.Protocols.Rtcp;

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1) and feedback formats (FMT).</summary>
public static class RtcpPacketType
{
    /// <summary>Sender report.</summary>
    public const byte SenderReport = 200;

    /// <summary>Receiver report.</summary>
    public const byte ReceiverReport = 201;

    /// <summary>Source description.</summary>
    public const byte SourceDescription = 202;

    /// <summary>Goodbye.</summary>
    public const byte Goodbye = 203;

    /// <summary>Application-defined.</summary>
    public const byte ApplicationDefined = 204;

    /// <summary>Transport-layer feedback (RFC 4585 §6.2): generic NACK, transport-cc.</summary>
    public const byte TransportFeedback = 205;

    /// <summary>Payload-specific feedback (RFC 4585 §6.3): PLI, FIR, REMB.</summary>
    public const byte PayloadFeedback = 206;
}

/// <summary>FMT values inside RTPFB (205) and PSFB (206).</summary>
public static class RtcpFeedbackFormat
{
    /// <summary>RTPFB generic NACK (RFC 4585 §6.2.1).</summary>
    public const int GenericNack = 1;

    /// <summary>RTPFB transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).</summary>
    public const int TransportCc = 15;

    /// <summary>PSFB picture loss indication (RFC 4585 §6.3.1).</summary>
    public const int PictureLossIndication = 1;

    /// <summary>PSFB full intra request (RFC 5104 §4.3.1).</summary>
    public const int FullIntraRequest = 4;

    /// <summary>PSFB application layer feedback; REMB lives here (draft-alvestrand-rmcat-remb §2.2).</summary>
    public const int ApplicationLayer = 15;
}
