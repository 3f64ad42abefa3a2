using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Classroom.Contracts.Tokens;

/// <summary>
/// Compact JWS (RFC 7515) with ES256 (RFC 7518 §3.4) over a fixed claim set. BCL only, so every
/// service can validate join tokens offline with the scheduler's public key and no shared state.
/// </summary>
public static class JoinTokenCodec
{
    private const int MaxTokenLength = 8 * 1024;
    private static readonly byte[] HeaderSegment =
        Encoding.ASCII.GetBytes(Base64Url.EncodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}"u8));

    public static string Sign(JoinTokenClaims claims, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(privateKey);
        var payload = Base64Url.EncodeToString(WritePayload(claims));
        var signingInput = Encoding.ASCII.GetString(HeaderSegment) + "." + payload;
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Checks signature, issuer, audience and lifetime. Never throws on bad input.</summary>
    public static bool TryValidate(string? token, ECDsa publicKey, DateTimeOffset now,
        out JoinTokenClaims? claims, out JoinTokenError error)
    {
        claims = null;
        if (string.IsNullOrEmpty(token)) { error = JoinTokenError.Missing; return false; }
        if (token.Length > MaxTokenLength) { error = JoinTokenError.Malformed; return false; }
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var last = token.LastIndexOf('.');
        if (first <= 0 || last == first || last == token.Length - 1) { error = JoinTokenError.Malformed; return false; }

        var header = token.AsSpan(0, first);
        if (!header.SequenceEqual(Encoding.ASCII.GetString(HeaderSegment))) { error = JoinTokenError.Malformed; return false; }

        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(last + 1));
            payload = Base64Url.DecodeFromChars(token.AsSpan(first + 1, last - first - 1));
        }
        catch (FormatException)
        {
            error = JoinTokenError.Malformed;
            return false;
        }

        if (signature.Length != 64 ||
            !publicKey.VerifyData(Encoding.ASCII.GetBytes(token, 0, last), signature, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            error = JoinTokenError.BadSignature;
            return false;
        }

        if (!TryReadPayload(payload, out var parsed)) { error = JoinTokenError.Malformed; return false; }
        if (now > parsed!.ExpiresAt + JoinTokenConstants.ClockSkew) { error = JoinTokenError.Expired; return false; }
        if (now + JoinTokenConstants.ClockSkew < parsed.IssuedAt) { error = JoinTokenError.NotYetValid; return false; }

        claims = parsed;
        error = JoinTokenError.None;
        return true;
    }

    private static byte[] WritePayload(JoinTokenClaims c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("iss", JoinTokenConstants.Issuer);
            w.WriteString("aud", JoinTokenConstants.Audience);
            w.WriteString("sub", c.Subject);
            w.WriteString("jti", c.TokenId);
            w.WriteNumber("iat", c.IssuedAt.ToUnixTimeSeconds());
            w.WriteNumber("nbf", c.IssuedAt.ToUnixTimeSeconds());
            w.WriteNumber("exp", c.ExpiresAt.ToUnixTimeSeconds());
            w.WriteString("role", c.Role.ToWire());
            w.WriteNumber("alliance", c.AllianceId);
            if (c.LessonId is not null) w.WriteString("lesson", c.LessonId);
            if (c.SchoolId is { } s) w.WriteNumber("school", s);
            if (c.ClassroomId is { } r) w.WriteNumber("room", r);
            if (c.TeacherId is { } t) w.WriteNumber("teacher", t);
            w.WriteStartArray("scope");
            foreach (var scope in c.Scopes) w.WriteStringValue(scope);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool TryReadPayload(byte[] json, out JoinTokenClaims? claims)
    {
        claims = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            if (!IsString(root, "iss", JoinTokenConstants.Issuer) || !IsString(root, "aud", JoinTokenConstants.Audience)) return false;
            if (!root.TryGetProperty("role", out var roleEl) || !ClassroomRoleNames.TryParse(roleEl.GetString(), out var role)) return false;
            if (!root.TryGetProperty("scope", out var scopeEl) || scopeEl.ValueKind != JsonValueKind.Array) return false;
            var scopes = new List<string>();
            foreach (var s in scopeEl.EnumerateArray()) scopes.Add(s.GetString() ?? string.Empty);

            claims = new JoinTokenClaims(
                Subject: root.GetProperty("sub").GetString() ?? string.Empty,
                Role: role,
                AllianceId: root.GetProperty("alliance").GetInt64(),
                LessonId: root.TryGetProperty("lesson", out var l) ? l.GetString() : null,
                SchoolId: root.TryGetProperty("school", out var sc) ? sc.GetInt64() : null,
                ClassroomId: root.TryGetProperty("room", out var r) ? r.GetInt64() : null,
                TeacherId: root.TryGetProperty("teacher", out var t) ? t.GetInt64() : null,
                Scopes: scopes,
                IssuedAt: DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
                ExpiresAt: DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()),
                TokenId: root.TryGetProperty("jti", out var j) ? j.GetString() ?? string.Empty : string.Empty);
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static bool IsString(JsonElement root, string name, string expected) =>
        root.TryGetProperty(name, out var el) && el.ValueKind == JsonValueKind.String &&
        string.Equals(el.GetString(), expected, StringComparison.Ordinal);
}

/// <summary>Why a join token was refused.</summary>
public enum JoinTokenError
{
    None,
    Missing,
    Malformed,
    BadSignature,
    Expired,
    NotYetValid,
}
