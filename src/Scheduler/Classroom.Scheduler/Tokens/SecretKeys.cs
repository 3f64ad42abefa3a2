using System.Security.Cryptography;

namespace Classroom.Scheduler.Tokens;

/// <summary>Unguessable keys for long-lived links (kiosk links, calendar feeds): 128 bits, URL-safe.</summary>
public static class SecretKeys
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
