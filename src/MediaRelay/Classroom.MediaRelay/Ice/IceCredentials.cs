using System.Security.Cryptography;

namespace Classroom.MediaRelay.Ice;

/// <summary>
/// Local ICE username fragment and password (RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/",
/// ufrag ≥ 4 and pwd ≥ 22 characters). 8 and 24 random characters: the ufrag is also the key the
/// shared UDP socket uses to find the session from a STUN USERNAME.
/// </summary>
public sealed record IceCredentials(string Ufrag, string Pwd)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IceCredentials Generate() => new(Random(8), Random(24));

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
