using System.Net;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// Page sessions against the real server: password sign-in with lockout, the antiforgery token
/// on sign-in and on every cookie-authenticated change, sign-out, TOTP as an authenticator app
/// computes it, and a password change. One host per test: the sign-in rate limit and lockout
/// counters start fresh.
/// </summary>
public sealed class SignInTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_right_password_signs_in_and_me_shows_the_teachers_grant()
    {
        using var page = await PageSession.OpenAsync(_host);
        Assert.False((bool)(await page.RefreshAsync())["signedIn"]!);

        await page.SignInOrFailAsync("wangfang");

        var me = await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("wangfang", (string?)me["userName"]);
        Assert.StartsWith("person:", (string?)me["subject"], StringComparison.Ordinal);
        var grant = Assert.Single(me["grants"]!.AsArray())!;
        Assert.Equal("teacher", (string?)grant["role"]);
        Assert.NotNull((long?)grant["teacherId"]);
        Assert.Equal(1L, (long?)grant["allianceId"]);
        Assert.True((bool)(await page.RefreshAsync())["signedIn"]!);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Chinese_by_default_and_in_English_when_asked()
    {
        using var zh = await PageSession.OpenAsync(_host);
        var problem = await (await zh.SignInAsync("wangfang", "not-the-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("bad_credentials", (string?)problem["code"]);
        Assert.Equal("用户名或密码不正确。", (string?)problem["title"]);

        using var en = await PageSession.OpenAsync(_host, "en");
        problem = await (await en.SignInAsync("wangfang", "not-the-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("bad_credentials", (string?)problem["code"]);
        Assert.Equal("The user name or password is not right.", (string?)problem["title"]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await zh.Client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var page = await PageSession.OpenAsync(_host, "en");
        for (var i = 0; i < 5; i++)
        {
            var response = await page.SignInAsync("wangfang", "wrong-password-" + i);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"attempt {i + 1}: {(int)response.StatusCode}");
        }

        var locked = await (await page.SignInAsync("wangfang", PageSession.DemoPassword)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("locked_out", (string?)locked["code"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.Client.GetAsync("/api/me")).StatusCode);

        // The lockout is the account's, not the browser's: another page is refused too.
        using var other = await PageSession.OpenAsync(_host);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.SignInAsync("wangfang", PageSession.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var page = await PageSession.OpenAsync(_host);

        var problem = await (await page.PostAsync("/api/auth/sign-in", new { userName = "wangfang", password = PageSession.DemoPassword }, csrf: false))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("antiforgery", (string?)problem["code"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.Client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var page = await PageSession.OpenAsync(_host);
        await page.SignInOrFailAsync("wangfang");
        await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);

        await (await page.PostAsync("/api/auth/sign-out")).ReadAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await page.Client.GetAsync("/api/me")).StatusCode);
        Assert.False((bool)(await page.RefreshAsync())["signedIn"]!);
    }

    [Fact]
    public async Task A_cookie_session_delete_needs_the_antiforgery_header_and_changes_nothing_without_it()
    {
        using var page = await PageSession.OpenAsync(_host);
        await page.SignInOrFailAsync("admin");
        var before = await (await page.Client.GetAsync("/api/alliances/1")).ReadAsync(HttpStatusCode.OK);

        var problem = await (await page.SendAsync(HttpMethod.Delete, "/api/alliances/1", csrf: false)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("antiforgery", (string?)problem["code"]);
        var still = await (await page.Client.GetAsync("/api/alliances/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((string?)before["name"], (string?)still["name"]);

        var deleted = await page.SendAsync(HttpMethod.Delete, "/api/alliances/1");
        Assert.True(deleted.IsSuccessStatusCode, $"DELETE with the header: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.NotFound, (await page.Client.GetAsync("/api/alliances/1")).StatusCode);
    }

    [Fact]
    public async Task With_TOTP_enabled_sign_in_needs_the_authenticator_code()
    {
        using var page = await PageSession.OpenAsync(_host, "en");
        await page.SignInOrFailAsync("wangfang");
        var setup = await (await page.PostAsync("/api/me/totp")).ReadAsync(HttpStatusCode.OK);
        var key = (string)setup["sharedKey"]!;
        Assert.Contains("secret=" + key, (string?)setup["uri"], StringComparison.Ordinal);

        var wrongFirst = await (await page.PostAsync("/api/me/totp/enable", new { code = WrongCode(key) })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("code_invalid", (string?)wrongFirst["code"]);
        Assert.False((bool)(await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK))["twoFactorEnabled"]!);
        await (await page.PostAsync("/api/me/totp/enable", new { code = Totp.Code(key, Now()) })).ReadAsync(HttpStatusCode.NoContent);
        Assert.True((bool)(await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK))["twoFactorEnabled"]!);
        await (await page.PostAsync("/api/auth/sign-out")).ReadAsync(HttpStatusCode.NoContent);
        await page.RefreshAsync();

        var required = await (await page.SignInAsync("wangfang", PageSession.DemoPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("code_required", (string?)required["code"]);
        var invalid = await (await page.SignInAsync("wangfang", PageSession.DemoPassword, WrongCode(key))).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("code_invalid", (string?)invalid["code"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.Client.GetAsync("/api/me")).StatusCode);

        await (await page.SignInAsync("wangfang", PageSession.DemoPassword, Totp.Code(key, Now()))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("wangfang", (string?)(await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK))["userName"]);
    }

    [Fact]
    public async Task A_password_change_works_and_the_old_password_stops_working()
    {
        using var page = await PageSession.OpenAsync(_host);
        await page.SignInOrFailAsync("wangfang");
        const string newPassword = "new-password-2027";

        var wrongCurrent = await (await page.PostAsync("/api/me/password", new { currentPassword = "not-it-0", newPassword })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("password_rejected", (string?)wrongCurrent["code"]);
        await (await page.PostAsync("/api/me/password", new { currentPassword = PageSession.DemoPassword, newPassword })).ReadAsync(HttpStatusCode.NoContent);
        // The session survives its own password change (the cookie was refreshed with the new stamp).
        await (await page.Client.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);

        using var again = await PageSession.OpenAsync(_host);
        var old = await (await again.SignInAsync("wangfang", PageSession.DemoPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("bad_credentials", (string?)old["code"]);
        await again.SignInOrFailAsync("wangfang", newPassword);
    }

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(2000000000L, "279037")]
    public void The_tests_TOTP_gives_the_RFC_6238_SHA1_test_vectors(long unixSeconds, string expected) =>
        // RFC 6238 Appendix B, seed "12345678901234567890", last six of the eight digits.
        Assert.Equal(expected, Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    /// <summary>
    /// The code an authenticator app shows now. ASP.NET Core Identity's authenticator provider reads
    /// the system clock (not the injected one), as the phone does.
    /// </summary>
    private static DateTimeOffset Now() => TimeProvider.System.GetUtcNow();

    /// <summary>A six-digit code that is none of the codes the server accepts (it allows two steps either side).</summary>
    private static string WrongCode(string key)
    {
        var now = Now();
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !accepted.Contains(c));
    }
}
