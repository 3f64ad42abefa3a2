using Classroom.Contracts.Access;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Lesson evaluation (评课, docs/evaluation.md): teaching-research staff and alliance admins
/// observing a lesson — live, while it is being recorded, or on its replay — leave comments at a
/// media time and score the rubric; the lesson's teacher (and whoever reads the lesson) reads them
/// beside the replay. Writes are audited; evaluations name no minor.
/// </summary>
public static class EvaluationEndpoints
{
    public const int MaxCommentLength = 1000;
    public const int MaxSummaryLength = 2000;

    public static IEndpointRouteBuilder MapEvaluations(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Recordings").AddEndpointFilter<PersonRequired>();

        api.MapGet("/recordings/{id}/evaluations", async (string id, HttpContext http, RecordingQueries queries, EvaluationStore store) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            var rooms = await queries.RoomsAsync(id, http.RequestAborted).ConfigureAwait(false);
            var (sheets, comments) = await store.OfRecordingAsync(id, AccessClaims.SubjectOf(http.User), http.RequestAborted).ConfigureAwait(false);
            var english = RecordingProblems.IsEnglish(http);
            var rubric = EvaluationRubric.Criteria.Select(c => new RubricCriterionView(c.Key, english ? c.En : c.Zh)).ToList();
            var averages = rubric.Select((_, i) =>
            {
                var scored = sheets.Select(s => s.Scores[i]).OfType<int>().ToList();
                return scored.Count == 0 ? (double?)null : Math.Round(scored.Average(), 2);
            }).ToList();
            var canEvaluate = AccessPolicy.Allows(AccessClaims.GrantsOf(http.User), Permission.Evaluate, RecordingScopeResolver.ScopeOf(row, rooms));
            return Results.Ok(new EvaluationsView(id, rubric, averages, sheets, comments, canEvaluate));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Recording)).Produces<EvaluationsView>();

        api.MapPut("/recordings/{id}/evaluation", async (string id, EvaluationSheetRequest? body, HttpContext http, RecordingQueries queries, EvaluationStore store) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            var count = EvaluationRubric.Criteria.Count;
            if (body?.Scores is not { } scores || scores.Count != count)
                return RecordingProblems.Invalid(http, "scores", $"评分须包含 {count} 项（未评的项填 null）。", $"scores must list {count} criteria (null for one not scored).");
            if (scores.Any(s => s is < EvaluationRubric.MinScore or > EvaluationRubric.MaxScore))
                return RecordingProblems.Invalid(http, "scores", "每项评分须在 1 到 5 之间。", "Each score must be between 1 and 5.");
            var summary = body.Summary?.Trim() ?? "";
            if (summary.Length > MaxSummaryLength)
                return RecordingProblems.Problem(http, StatusCodes.Status400BadRequest, "too_large", "总评最多 2000 字。", "summary is limited to 2000 characters.", "summary");
            var sheet = await store.SaveSheetAsync(row, AccessClaims.SubjectOf(http.User)!, AccessClaims.NameOf(http.User).Trim(), scores, summary, http.RequestAborted).ConfigureAwait(false);
            await RecordingEndpoints.AuditAsync(http, "evaluation.score", id, AuditOutcome.Succeeded).ConfigureAwait(false);
            return Results.Ok(sheet);
        }).WithMetadata(new AccessRule(Permission.Evaluate, ResourceKind.Recording)).Produces<EvaluationSheetView>().ProducesValidationProblem();

        api.MapPost("/recordings/{id}/evaluation/comments", async (string id, EvaluationCommentRequest? body, HttpContext http, RecordingQueries queries, EvaluationStore store) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            var text = body?.Text?.Trim() ?? "";
            if (text.Length == 0) return RecordingProblems.Invalid(http, "text", "评语不能为空。", "text is required.");
            if (text.Length > MaxCommentLength)
                return RecordingProblems.Problem(http, StatusCodes.Status400BadRequest, "too_large", "评语最多 1000 字。", "text is limited to 1000 characters.", "text");
            if (body!.MediaTimeMs is not { } at || at < 0 || at > ReplayEndpoints.MediaLimit(row))
                return RecordingProblems.Invalid(http, "mediaTimeMs", "评语的时间点超出录像范围。", "mediaTimeMs must lie within the recording.");
            var (comment, outcome) = await store.CommentAsync(row, AccessClaims.SubjectOf(http.User)!, AccessClaims.NameOf(http.User).Trim(), body.Id ?? Guid.NewGuid(), at, text, http.RequestAborted).ConfigureAwait(false);
            if (outcome == EvaluationStore.Outcome.Created) await RecordingEndpoints.AuditAsync(http, "evaluation.comment", id, AuditOutcome.Succeeded).ConfigureAwait(false);
            return outcome switch
            {
                EvaluationStore.Outcome.Created => Results.Created($"/api/recordings/{id}/evaluation/comments/{comment!.Id}", comment),
                EvaluationStore.Outcome.Duplicate => Results.Ok(comment),
                _ => RecordingProblems.Problem(http, StatusCodes.Status409Conflict, "conflict", "这个评语编号已被使用。", "This comment id belongs to another comment."),
            };
        }).WithMetadata(new AccessRule(Permission.Evaluate, ResourceKind.Recording))
            .Produces<EvaluationCommentView>(StatusCodes.Status201Created).Produces<EvaluationCommentView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();

        api.MapDelete("/recordings/{id}/evaluation/comments/{commentId:guid}", async (string id, Guid commentId, HttpContext http, EvaluationStore store) =>
        {
            var deleted = await store.DeleteCommentAsync(id, commentId, AccessClaims.SubjectOf(http.User)!, http.RequestAborted).ConfigureAwait(false);
            if (deleted) await RecordingEndpoints.AuditAsync(http, "evaluation.comment.delete", id, AuditOutcome.Succeeded).ConfigureAwait(false);
            return deleted
                ? Results.NoContent()
                : RecordingProblems.Problem(http, StatusCodes.Status404NotFound, "not_found", "没有这条您写的评语。", "No comment of yours with this id on this recording.");
        }).WithMetadata(new AccessRule(Permission.Evaluate, ResourceKind.Recording)).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
