using Classroom.Contracts.Access;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Serves a recording's files under its signed token: <c>GET|HEAD /media/recordings/{token}/{file}</c>.
/// Checked in order: the token's signature and expiry, the recording still in the catalog (not
/// deleted), the file name (a playlist, segment, init section or poster, relative, no dot
/// segments) inside that recording's folder. Byte ranges are served (players seek with them).
/// A refused request is audited as a refused "recording.play"; served files are not audited one
/// by one (the play that signed the URL is).
/// </summary>
public static class RecordingMediaEndpoint
{
    public static IEndpointRouteBuilder MapRecordingMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ReplayUrlSigner.PathPrefix + "{token}/{**file}", [HttpMethods.Get, HttpMethods.Head],
                async (string token, string? file, HttpContext http, ReplayUrlSigner signer, RecordingFiles files, RecordingQueries queries, TimeProvider time) =>
            {
                if (!signer.TryValidate(token, time.GetUtcNow(), out var recordingId, out var reason))
                    return await RefuseAsync(http, recordingId, reason).ConfigureAwait(false);
                var path = files.Resolve(recordingId, file);
                if (path is null) return await RefuseAsync(http, recordingId, "path").ConfigureAwait(false);
                var row = await queries.FindAsync(recordingId, http.RequestAborted).ConfigureAwait(false);
                if (row is null) return await RefuseAsync(http, recordingId, "deleted").ConfigureAwait(false);
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
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Recordings")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> RefuseAsync(HttpContext http, string recordingId, string reason)
    {
        await RecordingEndpoints.AuditAsync(http, "recording.play", $"{(recordingId.Length == 0 ? "?" : recordingId)}:{reason}", AuditOutcome.Refused).ConfigureAwait(false);
        return RecordingProblems.Refused(http, reason);
    }
}
