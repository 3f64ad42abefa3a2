using Microsoft.AspNetCore.HostFiltering;

namespace Classroom.Server.Hosting;

/// <summary>
/// The server's hardening in one place (docs/security.md): security headers, forwarded headers
/// from known proxies only, rate limits, and problem bodies for refusals made before routing.
/// The data folder's permissions are set where it is created (<see cref="DataFolderPermissions"/>).
/// </summary>
public static class Hardening
{
    public static WebApplicationBuilder AddClassroomHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        DataFolderPermissions.RestrictUmask();
        builder.Services.AddProblemDetails();

        // First startup filter: its middleware wraps host filtering, so every response gets the headers.
        builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeaders.StartupFilter>());
        builder.Services.Configure<HostFilteringOptions>(o => o.IncludeFailureMessage = false);

        var proxies = ClassroomForwardedHeaders.KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o => ClassroomForwardedHeaders.Configure(o, proxies));
        builder.Services.AddClassroomRateLimits(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Call right after the exception handler and status-code pages, before static files and endpoints:
    /// forwarded headers first (the address and scheme the rate limiter and HSTS see), then the rate limiter.
    /// Authentication must run before this for per-subject limits (WebApplication adds it first by default).
    /// </summary>
    public static WebApplication UseClassroomHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        return app;
    }
}
