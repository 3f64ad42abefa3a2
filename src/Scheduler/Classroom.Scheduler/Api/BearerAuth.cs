using Classroom.Contracts.Tokens;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Http;

namespace Classroom.Scheduler.Api;

/// <summary>Reads and validates the join token in "Authorization: Bearer"; a refusal comes back as a 401 problem.</summary>
public static class BearerAuth
{
    public static bool TryRead(HttpContext http, JoinTokenService tokens, out JoinTokenClaims? claims, out IResult? problem)
    {
        claims = null;
        problem = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            problem = Problems.Unauthorized("Send a join token as 'Authorization: Bearer <token>'.");
            return false;
        }

        if (!tokens.TryValidate(header["Bearer ".Length..].Trim(), out claims, out var error))
        {
            problem = Problems.Unauthorized($"The bearer token was refused ({error}).");
            return false;
        }

        return true;
    }
}
