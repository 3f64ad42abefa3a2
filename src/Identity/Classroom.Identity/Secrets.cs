using System.Security.Cryptography;
using System.Text;

namespace Classroom.Identity;

/// <summary>
/// Credentials handed out once and stored only as SHA-256 hashes: "{prefix}{id}_{secret}" with a
/// 160-bit secret. The id part lets the server find the row without scanning; the hash check is
/// constant-time.
/// </summary>
public static class Secrets
{
    public const string TokenPrefix = "cr_pat_";
    public const string DevicePrefix = "cr_dev_";

    public static string NewSecret(int bytes = 20) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string storedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(secret)));

    public static string Compose(string prefix, long id, string secret) => $"{prefix}{id}_{secret}";

    /// <summary>Splits "{prefix}{id}_{secret}"; false for anything else.</summary>
    public static bool TryParse(string? value, string prefix, out long id, out string secret)
    {
        id = 0;
        secret = string.Empty;
        if (value is null || value.Length > 200 || !value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = value.AsSpan(prefix.Length);
        var underscore = rest.IndexOf('_');
        if (underscore <= 0 || !long.TryParse(rest[..underscore], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)) return false;
        secret = rest[(underscore + 1)..].ToString();
        return secret.Length >= 16;
    }

    /// <summary>A pairing code a person can read off a projector and type: 8 characters without look-alikes.</summary>
    public static string NewPairingCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(code);
    }

    /// <summary>Pairing codes are compared case-insensitively and without spaces or dashes.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
