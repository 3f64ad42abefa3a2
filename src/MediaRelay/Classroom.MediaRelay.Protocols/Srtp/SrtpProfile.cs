namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// SRTP protection profiles the relay negotiates in DTLS use_srtp. Values are the IANA profile
/// ids (RFC 5764 §4.1.2, RFC 7714 §14.2), so a BouncyCastle <c>SrtpProtectionProfile</c> casts
/// straight to this enum.
/// </summary>
public enum SrtpProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 (RFC 3711): AES-128 counter mode, 80-bit HMAC-SHA1 tag.</summary>
    AesCm128HmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714): AES-128-GCM, 16-byte tag, 12-byte salt.</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Key and tag sizes per profile (RFC 5764 §4.1.2, RFC 7714 §12).</summary>
public static class SrtpProfileExtensions
{
    /// <summary>Master (and session) key length: 16 for both profiles.</summary>
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1_80 or SrtpProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };

    /// <summary>Master salt length: 14 for AES-CM, 12 for GCM.</summary>
    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1_80 => 14,
        SrtpProfile.AeadAes128Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };

    /// <summary>Authentication tag appended to each SRTP packet: 10 (HMAC-SHA1-80) or 16 (GCM).</summary>
    public static int TagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1_80 => 10,
        SrtpProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };

    /// <summary>DTLS exporter output needed: 2 × (key + salt); 60 for AES-CM, 56 for GCM.</summary>
    public static int KeyingMaterialLength(this SrtpProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength());
}
