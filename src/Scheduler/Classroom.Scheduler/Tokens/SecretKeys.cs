using System.Security.Cryptography;
using System.Text;

namespace Classroom.Scheduler.Tokens;

/// <summary>
/// Unguessable keys for long-lived links (kiosk links, calendar feeds): 128 bits, URL-safe. The
/// store keeps only their SHA-256 (a random 128-bit key needs no salt or slow hash: nothing
/// smaller than the key itself can be guessed); the clear key is shown once, in the response of
/// the request that made it.
/// </summary>
public static class SecretKeys
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Lowercase hex SHA-256 of the key, as stored.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// The hash of a fresh key nobody is told: what a new room or teacher stores, so its link
    /// works only once an admin resets it and reads the key from that response.
    /// </summary>
    public static string UnknownHash() => Hash(New());

    /// <summary>True when the given key hashes to the stored hash (compared in constant time).</summary>
    public static bool Matches(string storedHash, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(given)));
}
