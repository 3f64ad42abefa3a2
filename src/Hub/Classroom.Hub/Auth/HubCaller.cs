using System.Security.Claims;
using Classroom.Contracts.Tokens;

namespace Classroom.Hub.Auth;

/// <summary>The validated join token behind a request or connection, plus its raw form (forwarded to the scheduler).</summary>
public sealed class HubCaller : ClaimsIdentity
{
    public HubCaller(JoinTokenClaims token, string rawToken)
        : base(JoinTokenAuthenticationHandler.SchemeName, ClaimTypes.NameIdentifier, ClaimTypes.Role)
    {
        Token = token;
        RawToken = rawToken;
        AddClaim(new Claim(ClaimTypes.NameIdentifier, token.Subject));
        AddClaim(new Claim(ClaimTypes.Role, token.Role.ToWire()));
    }

    public JoinTokenClaims Token { get; }

    public string RawToken { get; }

    /// <summary>Rate-limit partition: the token id, or the subject for tokens without one.</summary>
    public string LimitKey => string.IsNullOrEmpty(Token.TokenId) ? Token.Subject : Token.TokenId;

    public static HubCaller? From(ClaimsPrincipal? user) => user?.Identities.OfType<HubCaller>().FirstOrDefault();
}
