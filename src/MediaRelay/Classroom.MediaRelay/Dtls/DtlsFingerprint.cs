using System.Security.Cryptography;
using System.Text;

namespace Classroom.MediaRelay.Dtls;

/// <summary>SDP certificate fingerprints (RFC 8122 §5): hash name plus colon-separated upper-case hex.</summary>
public static class DtlsFingerprint
{
    public static string Sha256(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(der, hash);
        var sb = new StringBuilder(32 * 3);
        for (var i = 0; i < hash.Length; i++)
        {
            if (i > 0) sb.Append(':');
            sb.Append(hash[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Compares two fingerprints ignoring case (RFC 8122 §5 allows either case).</summary>
    public static bool Matches(string? expected, string actual) =>
        expected is not null && string.Equals(expected.Trim(), actual, StringComparison.OrdinalIgnoreCase);
}
