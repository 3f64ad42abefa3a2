using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Features;

namespace Classroom.Scheduler.Api;

/// <summary>Reads a request body up to a limit; over it the caller answers 413 without buffering the rest.</summary>
public static class BodyLimits
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        var feature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit + 1;

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Caps every /api body: uploads (import routes) at <see cref="SchedulerOptions.MaxImportBytes"/>,
    /// everything else at <see cref="SchedulerOptions.MaxJsonBytes"/>. A declared length over the cap
    /// is answered 413 at once; a chunked body is cut by the server's body-size feature.
    /// </summary>
    public static IApplicationBuilder UseSchedulerBodyLimits(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), branch => branch.Use(async (context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            var limit = context.Request.Path.Value!.Contains("/import/", StringComparison.Ordinal) ? options.MaxImportBytes : options.MaxJsonBytes;
            if (context.Request.ContentLength > limit)
            {
                await Problems.TooLarge(limit).ExecuteAsync(context);
                return;
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
            await next(context);
        }));
}
