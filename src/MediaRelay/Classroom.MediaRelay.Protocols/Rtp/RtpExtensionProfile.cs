namespace Classroom.MediaRelay.Protocols.Rtp;

/// <summary>Header extension "defined by profile" values of RFC 8285 §4.</summary>
public static class RtpExtensionProfile
{
    /// <summary>One-byte header form (§4.2): ids 1..14, values 1..16 bytes.</summary>
    public const ushort OneByte = 0xBEDE;

    /// <summary>Two-byte header form (§4.3): 0x100 followed by 4 application bits.</summary>
    public const ushort TwoByte = 0x1000;

    /// <summary>Mask selecting the fixed part of the two-byte form's profile value.</summary>
    public const ushort TwoByteMask = 0xFFF0;
}
