using System.Net;
using System.Security.Claims;
using System.Text;
using Classroom.Contracts.Access;
using Classroom.Server.Hosting;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Classroom.Server.Tests.Hosting;

/// <summary>The named rate-limit policies: counts per client address (or signed-in subject), 429 with a problem body and Retry-After.</summary>
public sealed class RateLimitTests
{
    /// <summary>
    /// A tiny app with the server's hardening and one endpoint per policy under test. The
    /// "X-Test-Subject" header stands in for a signed-in principal (set before the limiter, as
    /// authentication is in the server).
    /// </summary>
    private static async Task<WebApplication> StartAppAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddClassroomHardening();
        var app = builder.Build();
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Test-Subject", out var subject))
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessClaims.Subject, subject.ToString())], "test"));
            return next(context);
        });
        app.UseClassroomHardening();
        app.UseRouting();
        app.UseClassroomRateLimits();
        app.MapPost("/sign-in", () => "ok").RequireRateLimiting(RateLimitPolicies.SignIn);
        app.MapPost("/import", () => "ok").RequireRateLimiting(RateLimitPolicies.Import);
        await app.StartAsync();
        return app;
    }

    private static Task<HttpContext> PostAsync(WebApplication app, string path, string peer, string? subject = null) =>
        app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = path;
            c.Request.Headers.Accept = "application/json";
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            if (subject is not null) c.Request.Headers["X-Test-Subject"] = subject;
        });

    [Fact]
    public async Task The_eleventh_sign_in_from_one_address_within_a_minute_gets_429_with_a_problem_and_Retry_After()
    {
        await using var app = await StartAppAsync();
        for (var i = 1; i <= 10; i++)
            Assert.Equal(StatusCodes.Status200OK, (await PostAsync(app, "/sign-in", "198.51.100.7")).Response.StatusCode);

        var refused = await PostAsync(app, "/sign-in", "198.51.100.7");

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("application/problem+json", refused.Response.ContentType);
        var retryAfter = int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var body = await new StreamReader(refused.Response.Body).ReadToEndAsync();
        Assert.Contains("\"code\":\"rate_limited\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":429", body, StringComparison.Ordinal);
        Assert.Contains("sign-in", body, StringComparison.Ordinal);

        // Another address has its own budget.
        Assert.Equal(StatusCodes.Status200OK, (await PostAsync(app, "/sign-in", "198.51.100.8")).Response.StatusCode);
    }

    [Fact]
    public async Task Imports_count_per_signed_in_person_not_per_shared_school_address()
    {
        await using var app = await StartAppAsync(("Classroom:RateLimits:import:PermitLimit", "2"));
        Assert.Equal(StatusCodes.Status200OK, (await PostAsync(app, "/import", "10.0.0.1", "person:1")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await PostAsync(app, "/import", "10.0.0.1", "person:1")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await PostAsync(app, "/import", "10.0.0.1", "person:1")).Response.StatusCode);

        // Same school NAT address, another person: not limited by the first one's uploads.
        Assert.Equal(StatusCodes.Status200OK, (await PostAsync(app, "/import", "10.0.0.1", "person:2")).Response.StatusCode);
    }

    [Fact]
    public void A_limit_below_one_is_refused_at_start()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Classroom:RateLimits:kiosk:WindowSeconds"] = "0";
        var e = Assert.Throws<InvalidOperationException>(() => builder.AddClassroomHardening());
        Assert.Contains("Classroom:RateLimits:kiosk", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_import_endpoint_names_the_import_policy()
    {
        using var host = new SchedulerHost { Settings = { ["Classroom:RateLimits:import:PermitLimit"] = "1" } };
        try
        {
            using var admin = host.Admin();
            const string Schools = "学校代码,学校名称,带宽(Mbps)\nHW,河湾村小学,20\n";
            using var first = new StringContent(Schools, Encoding.UTF8, "text/csv");
            await (await admin.PostAsync("/api/alliances/1/import/schools", first)).ReadAsync(HttpStatusCode.OK);
            using var second = new StringContent(Schools, Encoding.UTF8, "text/csv");

            using var refused = await admin.PostAsync("/api/alliances/1/import/schools", second);

            var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("rate_limited", (string?)problem["code"]);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        finally
        {
            host.DeleteData();
        }
    }
}
