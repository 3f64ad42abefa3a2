using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Identity.Access;
using Classroom.Identity.Auth;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Api;

/// <summary>
/// Sign-in, sign-out and the session the pages read. Sign-in takes a password (and the TOTP code
/// when the account has one), locks the account after repeated failures, and needs the antiforgery
/// token the page got from GET /api/auth/session (no login CSRF).
/// </summary>
public static class AuthEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password, string? Code);
    public sealed record EnrolRequest(string? Code, string? Password);
    public sealed record SessionView(bool SignedIn, string? Csrf, MeEndpoints.MeView? Me);
    public sealed record SignedInView(bool MustChangePassword);
    public sealed record EnrolledView(string? UserName);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");

        auth.MapGet("/session", async (HttpContext http, IAntiforgery antiforgery, AccountDbContext db, CancellationToken ct) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var me = http.User.Identity?.IsAuthenticated == true ? await MeEndpoints.DescribeAsync(http, db, ct) : null;
            return Results.Ok(new SessionView(me is not null, tokens.RequestToken, me));
        }).WithMetadata(new PublicEndpoint("tells a page whether it is signed in; hands out the antiforgery token"))
            .Produces<SessionView>().WithMetadata(new NoClientError("reads only the caller's own cookies; an anonymous caller is told it is signed out"));

        auth.MapPost("/sign-in", async (SignInRequest r, HttpContext http, IAntiforgery antiforgery, UserManager<Person> users,
            SignInManager<Person> signIn, TimeProvider clock, ILogger<AccountOptions> logger) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessProblems.Antiforgery(http);
            if (string.IsNullOrWhiteSpace(r.UserName) || string.IsNullOrEmpty(r.Password))
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", "请输入用户名和密码。", "Enter your user name and password.");
            var person = await users.FindByNameAsync(r.UserName.Trim());
            if (person is null || person.Disabled)
            {
                IdentityLog.SignInRefused(logger, person is null ? "unknown" : "disabled");
                return BadCredentials(http);
            }

            var check = await signIn.CheckPasswordSignInAsync(person, r.Password, lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                IdentityLog.SignInRefused(logger, "locked");
                return AccessProblems.Problem(http, StatusCodes.Status403Forbidden, "locked_out",
                    "多次登录失败，账号已暂时锁定，请稍后再试或联系管理员。", "Too many failed sign-ins: the account is locked for a while. Try later or ask an admin.");
            }

            if (!check.Succeeded && !check.RequiresTwoFactor) return BadCredentials(http);
            if (await users.GetTwoFactorEnabledAsync(person))
            {
                if (string.IsNullOrWhiteSpace(r.Code))
                    return AccessProblems.Problem(http, StatusCodes.Status401Unauthorized, "code_required", "请输入身份验证器中的6位动态码。", "Enter the 6-digit code from your authenticator app.");
                if (!await users.VerifyTwoFactorTokenAsync(person, TokenOptions.DefaultAuthenticatorProvider, r.Code.Replace(" ", "", StringComparison.Ordinal)))
                {
                    await users.AccessFailedAsync(person);
                    return AccessProblems.Problem(http, StatusCodes.Status401Unauthorized, "code_invalid", "动态码不正确。", "The code is not right.");
                }
            }

            await users.ResetAccessFailedCountAsync(person);
            // On an enrolled studio or classroom PC (its device cookie is in this browser) the machine is shared: the session
            // ends SharedPcSession.Length after sign-in and never slides, so a teacher who forgets to sign out does not
            // leave their console to whoever comes next (docs/security.md "Sessions on a shared PC").
            if (SharedPcSession.PropertiesFor(http, clock) is { } shared) await signIn.SignInAsync(person, shared);
            else await signIn.SignInAsync(person, isPersistent: false);
            IdentityLog.SignedIn(logger, Principals.SubjectOf(person));
            return Results.Ok(new SignedInView(person.MustChangePassword));
        }).WithMetadata(new PublicEndpoint("sign-in itself"))
            .Produces<SignedInView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).RequireRateLimiting(RateLimitPolicies.SignIn);

        auth.MapPost("/sign-out", async (SignInManager<Person> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).WithMetadata(new SignedInEndpoint("ends the caller's own session"))
            .Produces(StatusCodes.Status204NoContent).WithMetadata(new NoRequestBody("ends the caller's own session"));

        // The one-time link of `classroom admin create` and of an admin's password reset: the page
        // reads the code from the URL fragment (never sent to a server), posts it once and removes it.
        auth.MapPost("/enrol", async (EnrolRequest r, HttpContext http, IAntiforgery antiforgery, AccountDbContext db, UserManager<Person> users,
            SignInManager<Person> signIn, TimeProvider clock) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessProblems.Antiforgery(http);
            if (!Secrets.TryParse(r.Code, "en_", out var id, out var secret))
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid_code", "链接无效。", "The link is not valid.");
            var code = await db.EnrolmentCodes.FirstOrDefaultAsync(c => c.Id == id);
            var now = clock.GetUtcNow().UtcTicks;
            if (code is null || !Secrets.Matches(code.SecretHash, secret) || code.UsedUtcTicks is not null || code.ExpiresUtcTicks < now)
                return AccessProblems.Problem(http, StatusCodes.Status410Gone, "link_used", "此链接已使用或已过期，请联系管理员重新发送。", "This link was used or has expired; ask an admin for a new one.");
            var person = await users.FindByIdAsync(code.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (person is null || person.Disabled) return AccessProblems.Problem(http, StatusCodes.Status410Gone, "link_used", "账号不可用。", "The account is not available.");
            var token = await users.GeneratePasswordResetTokenAsync(person);
            var reset = await users.ResetPasswordAsync(person, token, r.Password ?? string.Empty);
            if (!reset.Succeeded) return MeEndpoints.PasswordProblem(http, reset);
            code.UsedUtcTicks = now;
            person.MustChangePassword = false;
            await users.UpdateAsync(person);
            await db.SaveChangesAsync();
            await signIn.SignInAsync(person, isPersistent: false);
            return Results.Ok(new EnrolledView(person.UserName));
        }).WithMetadata(new PublicEndpoint("one-time enrolment code checked by the handler"))
            .Produces<EnrolledView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status410Gone).RequireRateLimiting(RateLimitPolicies.SignIn);

        return app;
    }

    private static IResult BadCredentials(HttpContext http) =>
        AccessProblems.Problem(http, StatusCodes.Status401Unauthorized, "bad_credentials", "用户名或密码不正确。", "The user name or password is not right.");
}
