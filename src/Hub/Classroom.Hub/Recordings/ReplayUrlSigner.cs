using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Classroom.Contracts.Tokens;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Signed, expiring media URLs: <c>/media/recordings/{token}/{file}</c>. The token sits in the
/// path so the relative segment URIs of a playlist inherit it. Token = base64url(payload) "."
/// base64url(HMAC-SHA256(key, payload)), payload = "v1|{recordingId}|{expires unix s}". The key
/// is 32 random bytes in <c>{data}/keys/replay-url.key</c> (0600, created on first start, like
/// the other keys); replacing the file ends every URL handed out.
/// </summary>
public sealed class ReplayUrlSigner
{
    public const string KeyFileName = "replay-url.key";
    public const string PathPrefix = "/media/recordings/";
    private const int KeySize = 32;
    private readonly byte[] _key;

    public ReplayUrlSigner(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException($"The replay URL key is {KeySize} bytes.", nameof(key));
        _key = key.ToArray();
    }

    public static ReplayUrlSigner LoadOrCreate(string dataFolder)
    {
        var path = Path.Combine(dataFolder, JoinTokenConstants.KeyFolder, KeyFileName);
        return new ReplayUrlSigner(Classroom.Contracts.Privacy.SecretKeyFile.LoadOrCreate(path, KeySize,
            "delete it to make a new one (every replay URL handed out then ends)."));
    }

    public string Sign(string recordingId, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordingId);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{recordingId}|{expiresAt.ToUnixTimeSeconds()}"));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>The URL of <paramref name="file"/> (relative to the recording's folder) under a token.</summary>
    public static string UrlOf(string token, string file) => PathPrefix + token + "/" + file;

    /// <summary>Checks the signature (constant time) and the expiry; gives the recording id, or the reason it is refused.</summary>
    public bool TryValidate(string? token, DateTimeOffset now, out string recordingId, out string reason)
    {
        recordingId = "";
        reason = "malformed";
        if (string.IsNullOrEmpty(token) || token.Length > 400) return false;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return false;
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload)))
        {
            reason = "signature";
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 3 || parts[0] != "v1" || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return false;
        recordingId = parts[1];
        if (now.ToUnixTimeSeconds() >= expires)
        {
            reason = "expired";
            return false;
        }

        reason = "";
        return true;
    }
}
