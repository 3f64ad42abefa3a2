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
        api.MapPost("/alliances/{id:long}/solve", async (long id, SolveRequest? r, SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await PairingEndpoints.RangeAsync(db, id, r?.From, r?.To, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var (job, _) = await queue.EnqueueAsync(id, range.From, range.To, ct);
            return Results.Accepted(Location(id, job.Id), SolveJobView.Of(job, null));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance)).RequireRateLimiting(RateLimitPolicies.Solve)
            .Produces<SolveJobView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

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
}
