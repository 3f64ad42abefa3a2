using Classroom.Contracts.Access;
using Classroom.Hub.Auth;
using Classroom.Hub.Store.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Recordings;

/// <summary>
/// The recordings API (docs/replay.md): lists, detail with chapters, signed play URLs, deletion;
/// the replay interaction lives in <see cref="ReplayEndpoints"/>, the signed media path in
/// <see cref="RecordingMediaEndpoint"/>. Every endpoint names its access rule; the group demands a
/// signed-in person, so a hub node without the identity role refuses instead of serving.
/// </summary>
public static class RecordingEndpoints
{
    public static IEndpointRouteBuilder MapRecordings(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Recordings").AddEndpointFilter<PersonRequired>();

        api.MapGet("/lessons/{lessonId}/recordings", async (string lessonId, HttpContext http, RecordingQueries queries) =>
                Results.Ok(await queries.OfLessonAsync(lessonId, AccessClaims.GrantsOf(http.User), http.RequestAborted).ConfigureAwait(false)))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.Lesson, "lessonId")).Produces<IReadOnlyList<RecordingSummary>>();

        // Paged (docs/admin-paging.md): page 1-based, pageSize 1..ListLimit (default ListLimit, the old cap), search q and
        // allianceId applied before paging; the body stays the list every client reads, the total goes in X-Total-Count.
        api.MapGet("/recordings", async (string? q, long? allianceId, int? page, int? pageSize, HttpContext http, RecordingQueries queries) =>
            {
                if (page is < 1)
                    return RecordingProblems.Invalid(http, "page", "页码 page 必须从 1 开始。", "The page number must be 1 or more.");
                if (pageSize is < 1 or > RecordingQueries.ListLimit)
                    return RecordingProblems.Invalid(http, "pageSize", $"每页条数 pageSize 必须在 1 到 {RecordingQueries.ListLimit} 之间。",
                        $"The page size must be between 1 and {RecordingQueries.ListLimit}.");
                var (rows, total) = await queries.MinePageAsync(AccessClaims.GrantsOf(http.User), q, allianceId, page ?? 1, pageSize ?? RecordingQueries.ListLimit, http.RequestAborted).ConfigureAwait(false);
                http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Ok(rows);
            })
            .WithMetadata(new SignedInEndpoint("lists only the recordings AccessPolicy lets the caller watch")).Produces<IReadOnlyList<RecordingSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/recordings/{id}", async (string id, HttpContext http, RecordingQueries queries) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            var detail = await queries.DetailAsync(row, AccessClaims.SubjectOf(http.User), AccessClaims.GrantsOf(http.User), http.RequestAborted).ConfigureAwait(false);
            // The detail carries the class's replay questions and the caller's progress: a read of pupils' records, audited.
            await AuditAsync(http, "recording.read", id, AuditOutcome.Succeeded).ConfigureAwait(false);
            return Results.Ok(detail);
        }).WithMetadata(new AccessRule(Permission.Watch, ResourceKind.Recording)).Produces<RecordingDetail>();

        api.MapPost("/recordings/{id}/play", async (string id, PlayRequest? request, HttpContext http, RecordingQueries queries, RecordingFiles files,
            ReplayUrlSigner signer, IOptions<LessonHubOptions> options, TimeProvider time) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            var grant = Grant(row, request?.Rendition, files, signer, time.GetUtcNow() + options.Value.ReplayUrlLifetime);
            await AuditAsync(http, "recording.play", id, grant is null ? AuditOutcome.Failed : AuditOutcome.Succeeded).ConfigureAwait(false);
            return grant is null
                ? RecordingProblems.Problem(http, StatusCodes.Status409Conflict, "not_ready", "录像还没有可播放的画面，请稍后再试。", "The recording has nothing playable yet; try again shortly.")
                : Results.Ok(grant);
        }).WithMetadata(new AccessRule(Permission.Watch, ResourceKind.Recording)).Produces<PlayGrant>().ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/recordings/{id}", async (string id, HttpContext http, RecordingQueries queries, RecordingDeleter deleter) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            if (row.State == RecordingStates.Recording)
                return RecordingProblems.Problem(http, StatusCodes.Status409Conflict, "conflict", "课程仍在录制中，结束后才能删除录像。", "The lesson is still being recorded; delete it after the recording ends.");
            var deleted = await deleter.DeleteAsync(id, http.RequestAborted).ConfigureAwait(false);
            await AuditAsync(http, "recording.delete", id, deleted ? AuditOutcome.Succeeded : AuditOutcome.Failed).ConfigureAwait(false);
            return deleted ? Results.NoContent() : RecordingProblems.NotFound(http, id);
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Recording)).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);

        // The HLS fallback for a classroom without WebRTC: the lesson's join token (as for the hub) gets a signed URL of the live playlist.
        endpoints.MapPost("/api/lessons/{lessonId}/live-hls", async (string lessonId, HttpContext http, RecordingQueries queries, RecordingFiles files,
                ReplayUrlSigner signer, IOptions<LessonHubOptions> options, TimeProvider time) =>
            {
                var caller = HubCaller.From(http.User);
                if (caller is null || !string.Equals(caller.Token.LessonId, lessonId, StringComparison.Ordinal))
                {
                    await AuditAsync(http, "recording.live", lessonId, AuditOutcome.Refused).ConfigureAwait(false);
                    return RecordingProblems.Problem(http, StatusCodes.Status403Forbidden, "forbidden", "加入令牌不属于这节课。", "The join token is not for this lesson.");
                }

                var row = await queries.LatestOfLessonAsync(lessonId, http.RequestAborted).ConfigureAwait(false);
                var grant = row is null ? null : Grant(row, null, files, signer, time.GetUtcNow() + options.Value.ReplayUrlLifetime);
                await AuditAsync(http, "recording.live", row?.Id ?? lessonId, grant is null ? AuditOutcome.Failed : AuditOutcome.Succeeded).ConfigureAwait(false);
                return grant is null
                    ? RecordingProblems.Problem(http, StatusCodes.Status404NotFound, "not_recording", "这节课没有正在录制的画面。", "This lesson has no recording to play.")
                    : Results.Ok(grant);
            }).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JoinTokenAuthenticationHandler.SchemeName })
            .WithMetadata(new PublicEndpoint("the lesson's join token (Authorization header) is checked by the hub's scheme and the handler"))
            .WithMetadata(new Classroom.Contracts.Api.NoRequestBody("the lesson and the caller's room come from the path and the join token"))
            .Produces<PlayGrant>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Recordings")
            .DisableAntiforgery();

        endpoints.MapReplay();
        endpoints.MapEvaluations();
        endpoints.MapRecordingMedia();
        return endpoints;
    }

    /// <summary>The recorder's master playlist (RenditionFacts.Master in the relay) and its key among the grant's renditions.</summary>
    private const string Master = "index.m3u8";
    private const string MasterName = "index";

    /// <summary>Signed URLs of every ready rendition (and the poster); null when nothing is playable yet.</summary>
    internal static PlayGrant? Grant(RecordingRecord row, string? rendition, RecordingFiles files, ReplayUrlSigner signer, DateTimeOffset expires)
    {
        var renditions = RecordingCatalog.Renditions(row).Where(r => r.State == RenditionStates.Ready).ToList();
        // While recording, the catalog has no renditions yet: the recorder's live playlist is "camera.m3u8" (RecordingRendition).
        if (renditions.Count == 0 && files.Resolve(row.Id, "camera.m3u8") is { } live && File.Exists(live))
            renditions.Add(new StoredRendition("camera", "camera.m3u8", null, null, null, null, RenditionStates.Ready, null));
        if (renditions.Count == 0) return null;
        var token = signer.Sign(row.Id, expires);
        var urls = renditions.ToDictionary(r => r.Name, r => ReplayUrlSigner.UrlOf(token, r.Playlist), StringComparer.Ordinal);
        var main = renditions.FirstOrDefault(r => r.Name == rendition) ?? renditions.FirstOrDefault(r => r.Name == "camera") ?? renditions[0];
        var url = urls[main.Name];
        // A finished recording has a master playlist (camera and its low-bitrate copy as variants, docs/recording.md):
        // the player gets it unless it asked for one rendition, so it can step down on a weak link.
        if (row.State == RecordingStates.Finished && files.Resolve(row.Id, Master) is { } master && File.Exists(master))
        {
            urls[MasterName] = ReplayUrlSigner.UrlOf(token, Master);
            if (rendition is null && main.Name == "camera") url = urls[MasterName];
        }

        return new PlayGrant(row.Id, row.State, url, urls, row.Poster is { } p ? ReplayUrlSigner.UrlOf(token, p) : null, expires);
    }

    internal static async Task AuditAsync(HttpContext http, string action, string target, AuditOutcome outcome)
    {
        if (http.RequestServices.GetService<IAuditTrail>() is { } audit)
            await audit.RecordAsync(action, target, outcome, CancellationToken.None).ConfigureAwait(false);
    }
}
