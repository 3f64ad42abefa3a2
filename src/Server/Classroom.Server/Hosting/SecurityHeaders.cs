using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Classroom.Server.Hosting;

/// <summary>
/// Headers every response carries: pages, static files, API answers and errors alike
/// (docs/security.md "Headers"). They are set when the response starts, so they also cover
/// responses written by middleware that runs before or after this one (exception handler,
/// status-code pages, host filtering), and HSTS sees the scheme the forwarded headers restored.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Scripts only from our own files (no inline script); styles may be inline (Vue binds style attributes).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; " +
        "form-action 'self'; object-src 'none'";

    /// <summary>The studio and classroom pages capture camera, microphone and screen; nothing else may, and no frame may.</summary>
    public const string PermissionsPolicy =
        "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()";

    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Paths whose answers carry personal data or tokens: never stored by a browser or a proxy.</summary>
    public static readonly PathString[] NoStorePaths = ["/api", "/hub", "/whip", "/whep"];

    /// <summary>Registers the headers to be written when <paramref name="context"/>'s response starts.</summary>
    public static void Register(HttpContext context) => context.Response.OnStarting(static state =>
    {
        Apply((HttpContext)state);
        return Task.CompletedTask;
    }, context);

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        if (context.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
        foreach (var path in NoStorePaths)
        {
            if (!context.Request.Path.StartsWithSegments(path)) continue;
            headers.CacheControl = "no-store";
            headers.Remove(HeaderNames.Expires);
            headers.Remove(HeaderNames.ETag);
            break;
        }
    }

    /// <summary>
    /// Outermost middleware (a startup filter, so it wraps host filtering too): registers the
    /// headers, and gives an error that nothing answered (host filtering refuses an unknown Host
    /// with a bare 400) an RFC 9457 body.
    /// </summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                Register(context);
                await nextMiddleware(context);
                if (context.Response.HasStarted || context.Response.StatusCode < 400) return;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = context.Response.StatusCode,
                        Title = ReasonPhrases.GetReasonPhrase(context.Response.StatusCode),
                        Detail = "The request was refused before it reached the application (for example, its Host header is not one this server answers to).",
                        Extensions = { ["code"] = "refused" },
                    },
                });
            });
            next(app);
        };
    }
}
