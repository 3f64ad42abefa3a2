using System.Text.Json;
using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Which pairings a solve run added and removed, and why each removed one went (docs/admin-solve.md).
/// A run of an alliance solve or an alliance's share of a district solve; paged, and the run keeps at
/// most <see cref="SolveChangeList.MaxStored"/> of them (the counts stay exact, <c>truncated</c> says so).
/// </summary>
public static class SolveChangeEndpoints
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 200;

    public static RouteGroupBuilder MapSolveChanges(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/solve-runs/{runId:long}/changes", async (long id, long runId, int? offset, int? limit, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var skip = offset ?? 0;
            var take = limit ?? DefaultLimit;
            if (skip < 0) return Problems.Validation("offset", CallerLanguage.Pick(http.Request, "offset 不能小于 0。", "offset must not be negative."));
            if (take is < 1 or > MaxLimit)
                return Problems.Validation("limit", CallerLanguage.Pick(http.Request, $"limit 须在 1 到 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
            var run = await db.SolveRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.AllianceId == id, ct);
            if (run is null)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound,
                    title: CallerLanguage.Pick(http.Request, "未找到", "Not found"),
                    detail: CallerLanguage.Pick(http.Request, $"联盟 {id} 没有编号为 {runId} 的排课结果。", $"Alliance {id} has no solve run {runId}."),
                    extensions: new Dictionary<string, object?> { ["code"] = "not_found" });
            var english = CallerLanguage.IsEnglish(http.Request);
            var all = run.ChangesJson.Length == 0 ? [] : JsonSerializer.Deserialize<List<PairingChange>>(run.ChangesJson) ?? [];
            var removed = run.Moved + run.DroppedNotOccurring;
            return Results.Ok(new SolveChangesView(run.Id, run.AllianceId, run.From, run.To, new DateTimeOffset(run.CreatedUtcTicks, TimeSpan.Zero),
                run.ChangesJson.Length > 0, run.Kept, run.Added, removed, all.Count, all.Count < run.Added + removed, skip, take,
                [.. all.Skip(skip).Take(take).Select(c => PairingChangeView.Of(c, english))]));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<SolveChangesView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        return api;
    }
}

/// <summary>
/// A page of a run's changes. <c>Recorded</c> is false for runs stored before changes were kept
/// (only the counts exist). <c>Listed</c> changes are kept of <c>Added + Removed</c>; <c>Truncated</c> when fewer.
/// </summary>
public sealed record SolveChangesView(long SolveRunId, long AllianceId, DateOnly From, DateOnly To, DateTimeOffset SolvedAt, bool Recorded,
    int Kept, int Added, int Removed, int Listed, bool Truncated, int Offset, int Limit, IReadOnlyList<PairingChangeView> Items);

/// <summary>One added or removed pairing; <c>ReasonText</c> is the removed one's reason in the caller's language.</summary>
public sealed record PairingChangeView(
    string Kind, string LessonId, long LeadLessonId, string? Subject, int? Grade, long? TeacherId, string? TeacherName,
    long? LeadSchoolId, string? LeadSchoolName, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    long ClassroomId, string? ClassroomName, long SchoolId, string? SchoolName, string? Reason, string? ReasonText)
{
    public static PairingChangeView Of(PairingChange c, bool english) => new(c.Kind, c.LessonId, c.LeadLessonId, c.Subject, c.Grade, c.TeacherId, c.TeacherName,
        c.LeadSchoolId, c.LeadSchoolName, c.Date, c.StartsAt, c.EndsAt, c.ClassroomId, c.ClassroomName, c.SchoolId, c.SchoolName, c.Reason,
        c.Reason is { } r ? TextOf(r, english) : null);

    public static string TextOf(string reason, bool english) => (reason, english) switch
    {
        ("lesson_deleted", false) => "主讲课已删除",
        ("lesson_deleted", true) => "The lead lesson was deleted",
        ("not_occurring", false) => "这节课当天不再上（假日、调休或节次变化）",
        ("not_occurring", true) => "The lesson no longer occurs that day (holiday, make-up day or period change)",
        ("room_gone", false) => "教室已不在排课中（已删除、学校离开联盟或没有需求）",
        ("room_gone", true) => "The room left the solve (deleted, its school left, or it has no demand)",
        ("demand_changed", false) => "教室不再需要该学科、该年级的课",
        ("demand_changed", true) => "The room no longer asks for this subject and grade",
        ("reassigned", false) => "排课时另作安排（时间、容量、带宽或公平）",
        ("reassigned", true) => "Placed elsewhere by the solver (times, capacity, bandwidth or fairness)",
        _ => reason,
    };
}
