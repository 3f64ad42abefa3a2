using Classroom.Contracts.Access;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Replay interaction (docs/replay.md): a viewer's watch time and resume position, questions a
/// student asks at a media time, the teacher's answers to that class.
/// </summary>
public static class ReplayEndpoints
{
    public const int MaxQuestionLength = 1000;
    public const int MaxAnswerLength = 2000;

    /// <summary>Largest watch-time delta one progress report may carry (players report every 15–30 s).</summary>
    public const long MaxWatchedDeltaMs = 10 * 60_000;

    /// <summary>How far past the recorded duration a position or question may lie (players round; a live recording grows).</summary>
    public const long MediaSlackMs = 60_000;

    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Recordings").AddEndpointFilter<PersonRequired>();

        api.MapPut("/recordings/{id}/progress", async (string id, ProgressRequest? body, HttpContext http, RecordingQueries queries, ReplayStore store) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            if (body?.PositionMs is not { } position || position < 0 || position > MediaLimit(row))
                return RecordingProblems.Invalid(http, "positionMs", "播放位置超出录像范围。", "positionMs must lie within the recording.");
            var watched = body.WatchedMs ?? 0;
            if (watched is < 0 or > MaxWatchedDeltaMs)
                return RecordingProblems.Invalid(http, "watchedMs", "观看时长增量必须在 0 到 10 分钟之间。", "watchedMs (the time watched since the last report) must be between 0 and 600000.");
            var student = await StudentClassAsync(http, queries, row).ConfigureAwait(false);
            var view = await store.SaveProgressAsync(row, AccessClaims.SubjectOf(http.User)!, student?.ClassroomId,
                student is null ? "" : AccessClaims.NameOf(http.User).Trim(), position, watched, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(view);
        }).WithMetadata(new AccessRule(Permission.Watch, ResourceKind.Recording)).Produces<ProgressView>().ProducesValidationProblem();

        api.MapPost("/recordings/{id}/questions", async (string id, ReplayQuestionRequest? body, HttpContext http, RecordingQueries queries, ReplayStore store) =>
        {
            var row = await queries.FindAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (row is null) return RecordingProblems.NotFound(http, id);
            var text = body?.Text?.Trim() ?? "";
            if (text.Length == 0) return RecordingProblems.Invalid(http, "text", "问题不能为空。", "text is required.");
            if (text.Length > MaxQuestionLength)
                return RecordingProblems.Problem(http, StatusCodes.Status400BadRequest, "too_large", "问题最多 1000 字。", "text is limited to 1000 characters.", "text");
            if (body!.MediaTimeMs is not { } at || at < 0 || at > MediaLimit(row))
                return RecordingProblems.Invalid(http, "mediaTimeMs", "提问时间超出录像范围。", "mediaTimeMs must lie within the recording.");
            var student = await StudentClassAsync(http, queries, row).ConfigureAwait(false);
            if (student is null)
                return RecordingProblems.Problem(http, StatusCodes.Status403Forbidden, "students_only", "只有参加这节课的班级的学生可以在回放中提问。", "Only students of a class paired with this lesson ask questions on its replay.");
            var (question, outcome) = await store.AskAsync(row, student, AccessClaims.SubjectOf(http.User)!, body.Id ?? Guid.NewGuid(), text, at, http.RequestAborted).ConfigureAwait(false);
            return outcome switch
            {
                ReplayStore.Outcome.Created => Results.Created($"/api/recordings/{id}/questions/{question!.Id}", question),
                ReplayStore.Outcome.Duplicate => Results.Ok(question),
                _ => RecordingProblems.Problem(http, StatusCodes.Status409Conflict, "conflict", "这个问题编号已被使用。", "This question id belongs to another question."),
            };
        }).WithMetadata(new AccessRule(Permission.Watch, ResourceKind.Recording))
            .Produces<ReplayQuestionView>(StatusCodes.Status201Created).Produces<ReplayQuestionView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();

        api.MapGet("/recordings/{id}/questions", async (string id, HttpContext http, ReplayStore store) =>
            {
                var questions = await store.QuestionsAsync(id, http.RequestAborted).ConfigureAwait(false);
                // Pupils' questions: every read is audited (docs/replay.md "Audit").
                await RecordingEndpoints.AuditAsync(http, "replay.questions.read", id, AuditOutcome.Succeeded).ConfigureAwait(false);
                return Results.Ok(questions);
            })
            .WithMetadata(new AccessRule(Permission.Teach, ResourceKind.Recording)).Produces<IReadOnlyList<ReplayQuestionView>>();

        api.MapPost("/recordings/{id}/questions/{questionId:guid}/answer", async (string id, Guid questionId, AnswerRequest? body, HttpContext http, ReplayStore store) =>
        {
            var text = body?.Text?.Trim() ?? "";
            if (text.Length == 0) return RecordingProblems.Invalid(http, "text", "回答不能为空。", "text is required.");
            if (text.Length > MaxAnswerLength)
                return RecordingProblems.Problem(http, StatusCodes.Status400BadRequest, "too_large", "回答最多 2000 字。", "text is limited to 2000 characters.", "text");
            var answered = await store.AnswerAsync(id, questionId, text, AccessClaims.SubjectOf(http.User)!, http.RequestAborted).ConfigureAwait(false);
            return answered is null
                ? RecordingProblems.Problem(http, StatusCodes.Status404NotFound, "not_found", "这个问题不属于这段录像。", "No such question on this recording.")
                : Results.Ok(answered);
        }).WithMetadata(new AccessRule(Permission.Teach, ResourceKind.Recording)).Produces<ReplayQuestionView>().ProducesValidationProblem();

        api.MapGet("/replay-questions", async (bool? unanswered, HttpContext http, ReplayStore store) =>
        {
            var teachers = AccessClaims.GrantsOf(http.User).Where(g => g.Role == AccountRole.Teacher && g.TeacherId is not null).Select(g => g.TeacherId!.Value).ToList();
            var questions = await store.OfTeachersAsync(teachers, unanswered ?? true, http.RequestAborted).ConfigureAwait(false);
            await RecordingEndpoints.AuditAsync(http, "replay.questions.read",
                "teachers:" + string.Join(',', teachers.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))), AuditOutcome.Succeeded).ConfigureAwait(false);
            return Results.Ok(questions);
        }).WithMetadata(new SignedInEndpoint("a teacher's own lessons' replay questions (by the teacher ids of the caller's grants)")).Produces<IReadOnlyList<ReplayQuestionView>>();
        return endpoints;
    }

    internal static long MediaLimit(RecordingRecord row) =>
        row.State == RecordingStates.Finished ? row.DurationMs + MediaSlackMs : 24 * 3_600_000L;

    /// <summary>The caller's class among the recording's paired classes, when the caller is its student.</summary>
    private static async Task<RecordingRoomRecord?> StudentClassAsync(HttpContext http, RecordingQueries queries, RecordingRecord row)
    {
        var classes = AccessClaims.GrantsOf(http.User).Where(g => g.Role == AccountRole.Student && g.ClassroomId is not null).Select(g => g.ClassroomId!.Value).ToList();
        if (classes.Count == 0) return null;
        var rooms = await queries.RoomsAsync(row.Id, http.RequestAborted).ConfigureAwait(false);
        return rooms.FirstOrDefault(r => classes.Contains(r.ClassroomId));
    }
}
