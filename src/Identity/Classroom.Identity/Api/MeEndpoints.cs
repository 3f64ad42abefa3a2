using System.Globalization;
using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Identity.Access;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Api;

/// <summary>The signed-in person's own account: who am I, password, TOTP, personal access tokens.</summary>
public static class MeEndpoints
{
    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);
    public sealed record CodeRequest(string? Code);
    public sealed record TokenRequest(string? Name, int? Days);
    public sealed record TokenView(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Revoked);
    public sealed record TokenCreated(long Id, string Token, DateTimeOffset ExpiresAt);
    public sealed record TotpSetup(string SharedKey, string Uri);
    public sealed record GrantView(string Role, long? AllianceId, long? SchoolId, long? ClassroomId, long? TeacherId, long? StudioId);
    public sealed record MeView(string Subject, string Name, string? UserName, bool IsDevice, bool MustChangePassword, bool TwoFactorEnabled, IReadOnlyList<GrantView> Grants);

    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Identity").WithMetadata(new SignedInEndpoint("the caller's own account"));

        me.MapGet("", async (HttpContext http, AccountDbContext db, CancellationToken ct) => Results.Ok(await DescribeAsync(http, db, ct)))
            .Produces<MeView>();

        me.MapPost("/password", async (PasswordRequest r, HttpContext http, UserManager<Person> users, SignInManager<Person> signIn) =>
        {
            if (await PersonAsync(http, users) is not { } person) return NotAPerson(http);
            var result = await users.ChangePasswordAsync(person, r.CurrentPassword ?? string.Empty, r.NewPassword ?? string.Empty);
            if (!result.Succeeded) return PasswordProblem(http, result);
            person.MustChangePassword = false;
            await users.UpdateAsync(person);
            await signIn.RefreshSignInAsync(person);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);

        me.MapPost("/totp", async (HttpContext http, UserManager<Person> users, IOptions<AccountOptions> options) =>
        {
            if (await PersonAsync(http, users) is not { } person) return NotAPerson(http);
            await users.ResetAuthenticatorKeyAsync(person);
            var key = await users.GetAuthenticatorKeyAsync(person) ?? string.Empty;
            var uri = $"otpauth://totp/Classroom:{Uri.EscapeDataString(person.UserName ?? "")}?secret={key}&issuer=Classroom&digits=6";
            return Results.Ok(new TotpSetup(key, uri));
        }).Produces<TotpSetup>().WithMetadata(new NoRequestBody("the server draws a new authenticator key for the caller"));

        me.MapPost("/totp/enable", async (CodeRequest r, HttpContext http, UserManager<Person> users) =>
        {
            if (await PersonAsync(http, users) is not { } person) return NotAPerson(http);
            if (!await users.VerifyTwoFactorTokenAsync(person, TokenOptions.DefaultAuthenticatorProvider, (r.Code ?? "").Replace(" ", "", StringComparison.Ordinal)))
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "code_invalid", "动态码不正确。", "The code is not right.");
            await users.SetTwoFactorEnabledAsync(person, true);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);

        me.MapGet("/tokens", async (HttpContext http, AccountDbContext db, CancellationToken ct) =>
        {
            if (PersonId(http) is not { } id) return NotAPerson(http);
            var rows = await db.AccessTokens.AsNoTracking().Where(t => t.PersonId == id).OrderBy(t => t.Id).ToListAsync(ct);
            return Results.Ok(rows.Select(View));
        }).Produces<List<TokenView>>();

        me.MapPost("/tokens", async (TokenRequest r, HttpContext http, AccountDbContext db, IOptions<AccountOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            if (PersonId(http) is not { } id) return NotAPerson(http);
            var days = r.Days ?? 90;
            if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 100 || days < 1 || days > options.Value.TokenMaxDays)
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid",
                    $"请填写令牌名称（100字以内），有效期 1–{options.Value.TokenMaxDays} 天。", $"Give the token a name (up to 100 characters) and 1–{options.Value.TokenMaxDays} days.");
            var secret = Secrets.NewSecret();
            var now = clock.GetUtcNow();
            var token = new AccessToken { PersonId = id, Name = r.Name.Trim(), SecretHash = Secrets.Hash(secret), CreatedUtcTicks = now.UtcTicks, ExpiresUtcTicks = now.AddDays(days).UtcTicks };
            db.AccessTokens.Add(token);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/me/tokens/{token.Id}", new TokenCreated(token.Id, Secrets.Compose(Secrets.TokenPrefix, token.Id, secret), now.AddDays(days)));
        }).Produces<TokenCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);

        me.MapDelete("/tokens/{tokenId:long}", async (long tokenId, HttpContext http, AccountDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (PersonId(http) is not { } id) return NotAPerson(http);
            var n = await db.AccessTokens.Where(t => t.Id == tokenId && t.PersonId == id && t.RevokedUtcTicks == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtcTicks, clock.GetUtcNow().UtcTicks), ct);
            return n == 0 ? AccessProblems.NotFound(http, ResourceKind.Person, "token " + tokenId) : Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    internal static TokenView View(AccessToken t) =>
        new(t.Id, t.Name, new DateTimeOffset(t.CreatedUtcTicks, TimeSpan.Zero), new DateTimeOffset(t.ExpiresUtcTicks, TimeSpan.Zero), t.RevokedUtcTicks is not null);

    /// <summary>What the pages need to know of the caller: who, which grants, and for devices which room or studio.</summary>
    public static async Task<MeView> DescribeAsync(HttpContext http, AccountDbContext db, CancellationToken ct)
    {
        var subject = AccessClaims.SubjectOf(http.User) ?? "anonymous";
        var grants = AccessClaims.GrantsOf(http.User).Select(g => new GrantView(
            Role: g.Role.ToWire(), AllianceId: g.AllianceId, SchoolId: g.SchoolId, ClassroomId: g.ClassroomId, TeacherId: g.TeacherId, StudioId: g.StudioId)).ToList();
        Person? person = PersonId(http) is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) : null;
        return new MeView(
            Subject: subject,
            Name: AccessClaims.NameOf(http.User),
            UserName: person?.UserName,
            IsDevice: AccessClaims.IsDevice(http.User),
            MustChangePassword: person?.MustChangePassword ?? false,
            TwoFactorEnabled: person?.TwoFactorEnabled ?? false,
            Grants: grants);
    }

    internal static long? PersonId(HttpContext http)
    {
        var subject = AccessClaims.SubjectOf(http.User);
        return subject is not null && subject.StartsWith("person:", StringComparison.Ordinal) &&
               long.TryParse(subject.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static async Task<Person?> PersonAsync(HttpContext http, UserManager<Person> users) =>
        PersonId(http) is { } id ? await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture)) : null;

    private static IResult NotAPerson(HttpContext http) =>
        AccessProblems.Problem(http, StatusCodes.Status403Forbidden, "forbidden", "设备没有个人账号。", "Devices have no personal account.");

    internal static IResult PasswordProblem(HttpContext http, IdentityResult result)
    {
        var en = string.Join(" ", result.Errors.Select(e => e.Description));
        return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "password_rejected",
            "密码不符合要求：至少8位，包含数字和字母；当前密码须正确。", en);
    }
}
