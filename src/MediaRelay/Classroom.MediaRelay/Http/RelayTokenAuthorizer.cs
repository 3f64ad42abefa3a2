using System.Security.Cryptography;
using Classroom.Contracts.Access;
using Classroom.Contracts.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Classroom.MediaRelay.Http;

/// <summary>
/// Checks the join token of a WHIP/WHEP request offline (ES256, the scheduler's public key under
/// the data folder): valid signature and lifetime (else 401), the same lesson and the needed scope
/// (else 403). A classroom can publish only with a token that carries "publish", which the hub
/// issues when the teacher brings it on stage. A token whose right was revoked before it expired
/// (<see cref="Revocations"/>: device revoked, room taken off stage) is refused with 403.
/// </summary>
internal sealed class RelayTokenAuthorizer(IOptions<MediaRelayOptions> options, TimeProvider time, Revocations revocations)
{
    private readonly Lock _gate = new();
    private ECDsa? _publicKey;

    public bool TryAuthorize(HttpContext context, string lessonId, string scope, out JoinTokenClaims? claims, out IResult? failure)
    {
        claims = null;
        failure = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            failure = RelayProblems.Unauthorized(context, "send the join token as 'Authorization: Bearer <token>'");
            return false;
        }

        var key = PublicKey();
        if (key is null)
        {
            failure = RelayProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Token key not available",
                "the scheduler has not written keys/join-token-signing.pub.pem yet", "Authorization");
            return false;
        }

        var now = time.GetUtcNow();
        if (!JoinTokenCodec.TryValidate(header[7..].Trim(), key, now, out claims, out var error) || claims is null)
        {
            failure = RelayProblems.Unauthorized(context, "join token rejected: " + error);
            return false;
        }

        if (revocations.IsRevoked(claims.Subject, claims.TokenId, claims.LessonId, now))
        {
            failure = RelayProblems.Revoked();
            return false;
        }

        if (!string.Equals(claims.LessonId, lessonId, StringComparison.Ordinal))
        {
            failure = RelayProblems.Forbidden($"the token is for lesson '{claims.LessonId}', not '{lessonId}'");
            return false;
        }

        if (!claims.HasScope(scope))
        {
            failure = RelayProblems.Forbidden($"the token of this {claims.Role.ToWire()} lacks the '{scope}' scope");
            return false;
        }

        return true;
    }

    private ECDsa? PublicKey()
    {
        lock (_gate)
        {
            if (_publicKey is null && JoinTokenKeys.TryLoadPublic(options.Value.DataFolder, out var key)) _publicKey = key;
            return _publicKey;
        }
    }
}
