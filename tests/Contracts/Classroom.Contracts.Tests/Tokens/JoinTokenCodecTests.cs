using System.Security.Cryptography;
using Classroom.Contracts.Tokens;

namespace Classroom.Contracts.Tests.Tokens;

public sealed class JoinTokenCodecTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static JoinTokenClaims Sample(DateTimeOffset? expires = null) => new(
        Subject: "room:42", Role: ClassroomRole.Classroom, AllianceId: 1, LessonId: "L7-20261123",
        SchoolId: 3, ClassroomId: 42, TeacherId: null, Scopes: [JoinTokenScopes.Hub, JoinTokenScopes.Play],
        IssuedAt: Now, ExpiresAt: expires ?? Now.AddHours(2), TokenId: "abc");

    [Fact]
    public void Signed_token_round_trips_its_claims()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = JoinTokenCodec.Sign(Sample(), key);

        Assert.True(JoinTokenCodec.TryValidate(token, key, Now.AddMinutes(5), out var claims, out var error));
        Assert.Equal(JoinTokenError.None, error);
        Assert.Equal(Sample() with { Scopes = claims!.Scopes }, claims);
        Assert.Equal(new[] { "hub", "play" }, claims.Scopes);
    }

    [Fact]
    public void A_token_signed_by_another_key_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = JoinTokenCodec.Sign(Sample(), other);
        Assert.False(JoinTokenCodec.TryValidate(token, key, Now, out _, out var error));
        Assert.Equal(JoinTokenError.BadSignature, error);
    }

    [Fact]
    public void A_changed_payload_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = JoinTokenCodec.Sign(Sample(), key);
        var parts = token.Split('.');
        var forged = JoinTokenCodec.Sign(Sample() with { ClassroomId = 43 }, key).Split('.')[1];
        Assert.False(JoinTokenCodec.TryValidate($"{parts[0]}.{forged}.{parts[2]}", key, Now, out _, out var error));
        Assert.Equal(JoinTokenError.BadSignature, error);
    }

    [Fact]
    public void An_expired_token_is_refused_after_the_skew()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = JoinTokenCodec.Sign(Sample(Now.AddMinutes(10)), key);
        Assert.True(JoinTokenCodec.TryValidate(token, key, Now.AddMinutes(10).AddSeconds(30), out _, out _));
        Assert.False(JoinTokenCodec.TryValidate(token, key, Now.AddMinutes(12), out _, out var error));
        Assert.Equal(JoinTokenError.Expired, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    [InlineData("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.!!!.???")]
    public void Garbage_is_refused_without_throwing(string? token)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(JoinTokenCodec.TryValidate(token, key, Now, out var claims, out var error));
        Assert.Null(claims);
        Assert.NotEqual(JoinTokenError.None, error);
    }

    [Fact]
    public void Keys_are_created_once_and_the_public_half_validates()
    {
        var folder = Directory.CreateTempSubdirectory("classroom-keys").FullName;
        try
        {
            using var first = JoinTokenKeys.LoadOrCreatePrivate(folder);
            using var second = JoinTokenKeys.LoadOrCreatePrivate(folder);
            Assert.Equal(first.ExportSubjectPublicKeyInfo(), second.ExportSubjectPublicKeyInfo());
            Assert.True(JoinTokenKeys.TryLoadPublic(folder, out var pub));
            using (pub)
            {
                var token = JoinTokenCodec.Sign(Sample(), first);
                Assert.True(JoinTokenCodec.TryValidate(token, pub!, Now, out _, out _));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
