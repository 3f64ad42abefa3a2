namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// Attribute types the relay reads or writes: RFC 8489 §18.3 and the ICE ones of RFC 8445 §16.1.
/// Types below 0x8000 are comprehension-required (§14).
/// </summary>
public static class StunAttributeType
{
    /// <summary>MAPPED-ADDRESS (legacy, not XORed).</summary>
    public const ushort MappedAddress = 0x0001;

    /// <summary>USERNAME: "remote-ufrag:local-ufrag" in ICE (RFC 8445 §7.2.2).</summary>
    public const ushort Username = 0x0006;

    /// <summary>MESSAGE-INTEGRITY: HMAC-SHA1.</summary>
    public const ushort MessageIntegrity = 0x0008;

    /// <summary>ERROR-CODE.</summary>
    public const ushort ErrorCode = 0x0009;

    /// <summary>UNKNOWN-ATTRIBUTES.</summary>
    public const ushort UnknownAttributes = 0x000A;

    /// <summary>REALM (long-term credentials only).</summary>
    public const ushort Realm = 0x0014;

    /// <summary>NONCE (long-term credentials only).</summary>
    public const ushort Nonce = 0x0015;

    /// <summary>MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6), recognised, not produced.</summary>
    public const ushort MessageIntegritySha256 = 0x001C;

    /// <summary>XOR-MAPPED-ADDRESS.</summary>
    public const ushort XorMappedAddress = 0x0020;

    /// <summary>PRIORITY (RFC 8445 §16.1).</summary>
    public const ushort Priority = 0x0024;

    /// <summary>USE-CANDIDATE (RFC 8445 §16.1), empty value.</summary>
    public const ushort UseCandidate = 0x0025;

    /// <summary>SOFTWARE.</summary>
    public const ushort Software = 0x8022;

    /// <summary>FINGERPRINT.</summary>
    public const ushort Fingerprint = 0x8028;

    /// <summary>ICE-CONTROLLED: 64-bit tie-breaker.</summary>
    public const ushort IceControlled = 0x8029;

    /// <summary>ICE-CONTROLLING: 64-bit tie-breaker.</summary>
    public const ushort IceControlling = 0x802A;
}
