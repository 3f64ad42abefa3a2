using System.Globalization;
using System.Threading.RateLimiting;
using Classroom.Contracts.Access;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Serves a recording's files under its signed token: <c>GET|HEAD /media/recordings/{token}/{file}</c>.
/// Checked in order: the token's signature and expiry, the recording still in the catalog (not
/// deleted), the file name (a playlist, segment, init section or poster, relative, no dot
/// segments) inside that recording's folder. Byte ranges are served (players seek with them).
/// A refused request is audited as a refused "recording.play"; served files are not audited one
/// by one (the play that signed the URL is). Refusals are limited per client address
/// (<see cref="MediaRefusalLimiter"/>): past the limit a refusal is a 429 without an audit entry.
/// </summary>
public static class RecordingMediaEndpoint
{
    public static IEndpointRouteBuilder MapRecordingMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ReplayUrlSigner.PathPrefix + "{token}/{**file}", [HttpMethods.Get, HttpMethods.Head],
                async (string token, string? file, HttpContext http, ReplayUrlSigner signer, RecordingFiles files, RecordingQueries queries, TimeProvider time,
                    MediaRefusalLimiter limiter) =>
            {
                if (!signer.TryValidate(token, time.GetUtcNow(), out var recordingId, out var reason))
                    return await RefuseAsync(http, limiter, recordingId, reason).ConfigureAwait(false);
                var path = files.Resolve(recordingId, file);
                if (path is null) return await RefuseAsync(http, limiter, recordingId, "path").ConfigureAwait(false);
                var row = await queries.FindAsync(recordingId, http.RequestAborted).ConfigureAwait(false);
                if (row is null) return await RefuseAsync(http, limiter, recordingId, "deleted").ConfigureAwait(false);
                if (!File.Exists(path)) return RecordingProblems.Problem(http, StatusCodes.Status404NotFound, "not_found", "文件不存在。", "No such file.");
                var playlist = path.EndsWith(".m3u8", StringComparison.Ordinal);
                // Playlists change while a lesson is recorded; segments never change once written.
                http.Response.Headers.CacheControl = playlist ? "no-cache, private" : "private, max-age=3600";
                http.Response.Headers["X-Content-Type-Options"] = "nosniff";
                return Results.File(path, RecordingFiles.ContentType(path), enableRangeProcessing: !playlist);
            })
            .WithMetadata(new PublicEndpoint("the signed, expiring token in the path is checked (signature, expiry, recording, file)"))
            .Produces(StatusCodes.Status200OK, null, "application/vnd.apple.mpegurl", "video/mp4", "video/iso.segment", "image/jpeg")
            .Produces(StatusCodes.Status206PartialContent, null, "video/mp4")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("Recordings")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> RefuseAsync(HttpContext http, MediaRefusalLimiter limiter, string recordingId, string reason)
    {
        if (!limiter.TryRefuse(http))
        {
            http.Response.Headers.RetryAfter = "60";
            return RecordingProblems.Problem(http, StatusCodes.Status429TooManyRequests, "rate_limited",
                "被拒绝的请求太多，请一分钟后再试。", "Too many refused requests from this client; try again in a minute.");
        }

        await RecordingEndpoints.AuditAsync(http, "recording.play", $"{(recordingId.Length == 0 ? "?" : recordingId)}:{reason}", AuditOutcome.Refused).ConfigureAwait(false);
        return RecordingProblems.Refused(http, reason);
    }
}

/// <summary>
/// Counts refused media requests per client address in a one-minute window
/// (<see cref="LessonHubOptions.MediaRefusalsPerMinute"/>). Only refusals take permits, so valid
/// URLs are never limited, however many pupils share a school's address.
/// </summary>
public sealed class MediaRefusalLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public MediaRefusalLimiter(IOptions<LessonHubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.MediaRefusalsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>True while this address may still be refused (and audited) this minute.</summary>
    public bool TryRefuse(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _limiter.AttemptAcquire(address.ToString(CultureInfo.InvariantCulture));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
