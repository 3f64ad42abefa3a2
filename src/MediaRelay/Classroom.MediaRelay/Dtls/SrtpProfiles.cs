using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.MediaRelay.Dtls;

/// <summary>Which SRTP profile the relay picks from a peer's <c>use_srtp</c> list (RFC 5764 §4.1.2).</summary>
public static class SrtpProfiles
{
    /// <summary>GCM first: one AES pass with an integrated tag is faster and stronger than CM + HMAC (RFC 7714).</summary>
    public static readonly int[] Preference = [(int)SrtpProfile.AeadAes128Gcm, (int)SrtpProfile.AesCm128HmacSha1_80];

    /// <summary>Our most preferred profile the peer offered; null if there is no overlap.</summary>
    public static SrtpProfile? Choose(IReadOnlyCollection<int> offered)
    {
        foreach (var p in Preference)
        {
            if (offered.Contains(p)) return (SrtpProfile)p;
        }

        return null;
    }
}
