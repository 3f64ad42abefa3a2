using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Solving is a job: POST queues it (202 + Location), GET reads its state, progress and result.
/// The solve worker runs it off the request thread (docs/scheduler.md "Solving and storing").
/// </summary>
public static class SolveJobEndpoints
{
    public static string Location(long allianceId, long jobId) => $"/api/alliances/{allianceId}/solve/{jobId}";

    public static RouteGroupBuilder MapSolveJobs(this RouteGroupBuilder api)
    {
        api.MapPost("/alliances/{id:long}/solve", async (long id, SolveRequest? r, HttpContext http, SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await PairingEndpoints.RangeAsync(db, id, r?.From, r?.To, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var entangled = await DistrictPolicy.EntangledWithAsync(db, id, ct);
            if (entangled.Count > 0) return DistrictSolveRequired(http, id, entangled);
            var (job, _) = await queue.EnqueueAsync(id, range.From, range.To, ct);
            return Results.Accepted(Location(id, job.Id), SolveJobView.Of(job, null));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance)).RequireRateLimiting(RateLimitPolicies.Solve)
            .Produces<SolveJobView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();

        api.MapGet("/alliances/{id:long}/solve/{jobId:long}", async (long id, long jobId, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, CancellationToken ct) =>
        {
            var job = await db.SolveJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.AllianceId == id, ct);
            if (job is null) return Problems.NotFound("Solve job", jobId);
            var result = job.SolveRunId is { } run ? await scheduling.RunAsync(run, ct) : null;
            return Results.Ok(SolveJobView.Of(job, result, english: CallerLanguage.IsEnglish(http.Request)));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<SolveJobView>().ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>409 "district_solve_required" in the caller's language, naming the alliances it shares lessons with.</summary>
    private static IResult DistrictSolveRequired(HttpContext http, long allianceId, IReadOnlyList<long> entangled)
    {
        var english = CallerLanguage.IsEnglish(http.Request);
        return Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: english ? "Solve the district" : "请进行区县统一排课",
            detail: english
                ? $"Under the district's cross-alliance policy alliance {allianceId} shares lessons with alliance(s) {string.Join(", ", entangled)}; solving it alone would break their capacity and fairness. A district admin solves them together: POST /api/district/solve."
                : $"按区县的跨联盟政策，联盟 {allianceId} 与联盟 {string.Join("、", entangled)} 共享课程，单独排课会破坏它们的容量与公平，请由区县管理员统一排课（POST /api/district/solve）。",
            extensions: new Dictionary<string, object?> { ["code"] = "district_solve_required", ["alliances"] = entangled });
    }
}
