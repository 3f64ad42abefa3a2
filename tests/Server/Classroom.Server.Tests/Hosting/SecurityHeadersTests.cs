using System.Net;
using Classroom.Server.Hosting;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Classroom.Server.Tests.Hosting;

/// <summary>The real server's answers — API, errors, refusals before routing — carry the security headers (docs/security.md).</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=(self)", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only over HTTPS");
    }

    [Fact]
    public async Task An_api_answer_carries_the_headers_and_is_never_stored()
    {
        using var admin = _host.Admin();
        using var response = await admin.GetAsync("/api/alliances");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore, "personal data must not be cached");
    }

    [Fact]
    public async Task An_error_answer_carries_the_headers_too()
    {
        using var admin = _host.Admin();
        using var response = await admin.GetAsync("/api/alliances/999999");

        await response.ProblemAsync(HttpStatusCode.NotFound);
        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_page_outside_the_api_has_the_headers_too()
    {
        using var client = _host.CreateClient();
        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_request_for_an_unknown_host_gets_400_with_a_problem_body_and_the_headers()
    {
        var context = await _host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/health";
            c.Request.Host = new HostString("evil.example");
            c.Request.Headers.Accept = "application/json";
        });

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, context.Response.Headers.ContentSecurityPolicy.ToString());
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("\"code\":\"refused\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_host_is_answered()
    {
        var context = await _host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/health";
            c.Request.Host = new HostString("127.0.0.1", 5080);
        });

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
