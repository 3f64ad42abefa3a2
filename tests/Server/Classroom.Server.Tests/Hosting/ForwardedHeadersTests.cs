using System.Net;
using Classroom.Server.Hosting;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Classroom.Server.Tests.Hosting;

/// <summary>X-Forwarded-For / -Proto are believed from the listed proxies only (default: this machine's nginx).</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private Task<HttpContext> FromPeerAsync(string peer) => _host.Server.SendAsync(c =>
    {
        c.Request.Method = "GET";
        c.Request.Path = "/health";
        c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        c.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        c.Request.Headers["X-Forwarded-Proto"] = "https";
    });

    [Fact]
    public async Task A_client_that_is_not_a_proxy_cannot_choose_its_address_or_scheme()
    {
        var context = await FromPeerAsync("198.51.100.7");

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("198.51.100.7"), context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
        Assert.False(context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task The_local_proxy_passes_on_the_client_address_and_https_which_turns_on_HSTS(string proxy)
    {
        var context = await FromPeerAsync(proxy);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.Connection.RemoteIpAddress);
        Assert.Equal("https", context.Request.Scheme);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, context.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task Another_loopback_address_is_not_a_proxy_unless_listed()
    {
        var context = await FromPeerAsync("127.0.0.2");

        Assert.Equal(IPAddress.Parse("127.0.0.2"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task Only_one_hop_is_believed()
    {
        var context = await _host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/health";
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            c.Request.Headers["X-Forwarded-For"] = "192.0.2.66, 203.0.113.9";
        });

        Assert.Equal(IPAddress.Parse("203.0.113.9"), context.Connection.RemoteIpAddress);
    }
}
