namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// SRTP protection profiles the relay negotiates in the DTLS <c>use_srtp</c> extension
/// (RFC 5764 §4.1.2, RFC 7714 §14.2). Values are the IANA code points.
/// </summary>
public enum SrtpProfile
{
    None = 0,
    AesCm128HmacSha1_80 = 0x0001,
    AeadAes128Gcm = 0x0007,
}

public static class SrtpProfiles
{
    /// <summary>GCM first: one AES pass with an integrated tag is faster and stronger than CM + HMAC.</summary>
    public static readonly int[] Preference = [(int)SrtpProfile.AeadAes128Gcm, (int)SrtpProfile.AesCm128HmacSha1_80];

    /// <summary>Keying material to export (RFC 5764 §4.2): 2 × (key + salt).</summary>
    public static int KeyingMaterialLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm => 2 * (16 + 12),
        SrtpProfile.AesCm128HmacSha1_80 => 2 * (16 + 14),
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    /// <summary>Picks our most preferred profile the peer offered; None if there is no overlap.</summary>
    public static SrtpProfile Choose(IReadOnlyCollection<int> offered)
    {
        foreach (var p in Preference)
        {
            if (offered.Contains(p)) return (SrtpProfile)p;
        }

        return SrtpProfile.None;
    }
}
