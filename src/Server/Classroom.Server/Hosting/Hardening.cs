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

        // ASP.NET Core's own request lines ("Request starting/finished …", Information) print the
        // whole URL with its query string, and the hub's SignalR URL carries a ticket
        // (access_token=tk_…). Capped here, after the configuration's rules, so raising
        // Microsoft.AspNetCore (or even this category) to Information while debugging does not
        // write tickets into the journal. Proven by tests/Server/…/Deployment/LogHygieneTests.cs.
        builder.Logging.AddFilter(RequestLineCategory, LogLevel.Warning);
        return builder;
    }

    /// <summary>The category of Kestrel-hosted request start/finish lines, which include the query string.</summary>
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Call right after the exception handler and status-code pages, before static files and
    /// endpoints: forwarded headers first, so the address and scheme everything after sees (audit,
    /// rate limits, HSTS) are the real client's.
    /// </summary>
    public static WebApplication UseClassroomHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>
    /// The rate limiter, after routing (the endpoint names its policy) and after sign-in (import and
    /// solve are limited per person).
    /// </summary>
    public static WebApplication UseClassroomRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }
}
