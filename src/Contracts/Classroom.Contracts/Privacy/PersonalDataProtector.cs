using System.Security.Cryptography;
using System.Text;

namespace Classroom.Contracts.Privacy;

/// <summary>
/// Encrypts minors' personal data (student names) before it reaches a database, with a key kept
/// outside it: <c>&lt;data&gt;/keys/personal-data.key</c>, 32 random bytes, created on first start,
/// readable by the service only. AES-256-GCM with a fresh random 96-bit nonce per value, stored as
/// <c>"v1:" + base64(nonce | ciphertext | tag)</c> — the version prefix lets a later key or cipher
/// sit beside old rows. Random nonces mean equal names do not compare equal in SQL: stores compare
/// names after decryption (docs/privacy.md). The key is never logged; losing it loses the names.
/// </summary>
public sealed class PersonalDataProtector
{
    public const string KeyFileName = "personal-data.key";
    public const string Version1 = "v1:";
    private const int KeySize = 32, NonceSize = 12, TagSize = 16;
    private readonly byte[] _key;

    public PersonalDataProtector(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException($"The personal-data key is {KeySize} bytes.", nameof(key));
        _key = key.ToArray();
    }

    public static string KeyPath(string dataFolder) => Path.Combine(dataFolder, Tokens.JoinTokenConstants.KeyFolder, KeyFileName);

    /// <summary>Loads the key of this data folder, creating it (mode 0600, folder 0700) when there is none yet.</summary>
    public static PersonalDataProtector LoadOrCreate(string dataFolder)
    {
        return new PersonalDataProtector(SecretKeyFile.LoadOrCreate(KeyPath(dataFolder), KeySize, "restore the personal-data key from the backup (docs/privacy.md)."));
    }

    /// <summary>True when the stored value was written by <see cref="Protect"/> (rather than before encryption existed).</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Version1, StringComparison.Ordinal);

    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        // One AesGcm per call: instances are not safe to share between threads, and names are few.
        using (var aes = new AesGcm(_key, TagSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Version1Data);
        return Version1 + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// The plaintext of a <see cref="Protect"/>ed value. A value without the version prefix was
    /// written before names were encrypted (or is a marker such as an erased name) and is returned
    /// as it is. A wrong key or a changed value throws <see cref="CryptographicException"/>.
    /// </summary>
    public string Unprotect(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsProtected(stored)) return stored;
        var sealedBytes = Convert.FromBase64String(stored[Version1.Length..]);
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("A protected value is too short.");
        var plainLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[plainLength];
        using (var aes = new AesGcm(_key, TagSize))
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plainLength), sealedBytes.AsSpan(NonceSize + plainLength), plain, Version1Data);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Associated data: binds a ciphertext to this format version, so a v1 value cannot pass for a later one.</summary>
    private static ReadOnlySpan<byte> Version1Data => "classroom:personal-data:v1"u8;

    /// <summary>Stored length of a protected value whose plaintext is <paramref name="maxChars"/> UTF-16 characters (column sizes).</summary>
    public static int MaxStoredLength(int maxChars) => Version1.Length + ((NonceSize + (maxChars * 3) + TagSize + 2) / 3 * 4);
}
