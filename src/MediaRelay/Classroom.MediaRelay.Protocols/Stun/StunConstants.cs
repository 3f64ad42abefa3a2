namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>Fixed numbers of the STUN header (RFC 8489 §5) and its integrity attributes.</summary>
public static class StunConstants
{
    /// <summary>Magic cookie, bytes 4..7 of every RFC 5389/8489 message.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Type (2) + length (2) + cookie (4) + transaction id (12).</summary>
    public const int HeaderLength = 20;

    /// <summary>Length of the transaction id.</summary>
    public const int TransactionIdLength = 12;

    /// <summary>HMAC-SHA1 output carried by MESSAGE-INTEGRITY (RFC 8489 §14.5).</summary>
    public const int MessageIntegrityLength = 20;

    /// <summary>FINGERPRINT is CRC-32 XOR this constant ("STUN"), RFC 8489 §14.7.</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>Type-length header of every attribute.</summary>
    public const int AttributeHeaderLength = 4;
}
