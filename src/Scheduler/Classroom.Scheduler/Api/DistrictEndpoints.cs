using Classroom.Contracts.Access;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Api;

/// <summary>
/// The district (county) level: its settings and term calendar that alliances inherit, the
/// cross-alliance policy of each alliance, and the district-wide solve (docs/scheduler.md "District").
/// Everything here is the district admin's; alliance admins read their own alliance's policy.
/// </summary>
public static class DistrictEndpoints
{
    public static string JobLocation(long jobId) => $"/api/district/solve/{jobId}";

    public static RouteGroupBuilder MapDistrict(this RouteGroupBuilder api)
    {
        api.MapGet("/district", async (SchedulerDbContext db, IOptions<SchedulerOptions> options, CancellationToken ct) =>
            Results.Ok(DistrictView.From(await DistrictSettingsStore.FindAsync(db, ct), options.Value)))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.County, null)).Produces<DistrictView>();

        // Replaces name and all three settings: a null setting goes back to the server's default.
        api.MapPut("/district", async (DistrictRequest r, HttpContext http, SchedulerDbContext db, IOptions<SchedulerOptions> options, CancellationToken ct) =>
        {
            var c = new Checks();
            if (r.Name is not null) c.Require("name", r.Name, 200);
            if (r.MinOverlapShare is { } share) c.Range("minOverlapShare", share, AllianceSettings.MinShare, 1);
            if (r.RelayCapacityPerLesson is { } seats) c.Range("relayCapacityPerLesson", seats, 1, AllianceSettings.MaxRelayCapacity);
            if (r.UplinkSharePerStream is { } uplink) c.Range("uplinkSharePerStream", uplink, AllianceSettings.MinShare, 1);
            if (!c.Ok) return c.Problem();
            var district = await db.Districts.FirstOrDefaultAsync(d => d.Id == District.TheId, ct);
            if (district is null) db.Districts.Add(district = new District());
            (district.Name, district.MinOverlapShare, district.RelayCapacityPerLesson, district.UplinkSharePerStream) =
                (r.Name?.Trim() ?? district.Name, r.MinOverlapShare, r.RelayCapacityPerLesson, r.UplinkSharePerStream);
            await db.SaveChangesAsync(ct);
            return Results.Ok(DistrictView.From(district, options.Value));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null)).Produces<DistrictView>().ProducesValidationProblem();

        api.MapGet("/district/terms", async (SchedulerDbContext db, CancellationToken ct) =>
            Results.Ok((await db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == null).OrderBy(t => t.FirstDay).ToListAsync(ct)).Select(TermDto.From)))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.County, null)).Produces<IReadOnlyList<TermDto>>();

        api.MapPost("/district/terms", async (TermRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var c = Checks.For(http.Request);
            var term = Inputs.Term(r, c);
            if (term is null) return c.Problem();
            if (await TimetableEndpoints.OverlapsAsync(db, null, term, null, ct))
                return TimetableEndpoints.OverlapProblem(http, district: true);
            term.AllianceId = null;
            db.Terms.Add(term);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/terms/{term.Id}", TermDto.From(term));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null)).Produces<TermDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapGet("/alliances/{id:long}/lesson-source", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } alliance
                ? Results.Ok(await LessonSourceView.OfAsync(db, alliance, ct)) : Problems.NotFound("Alliance", id))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance)).Produces<LessonSourceView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/alliances/{id:long}/lesson-source", async (long id, LessonSourceRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var alliance = await db.Alliances.FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alliance is null) return Problems.NotFound("Alliance", id);
            if (!Enum.TryParse<LessonSource>(r.Source, ignoreCase: true, out var source) || !Enum.IsDefined(source) || int.TryParse(r.Source, out _))
                return Problems.Validation("source", CallerLanguage.Pick(http.Request, "source 只能是 own、listed 或 county。", "source must be own, listed or county."));
            var listed = (r.Alliances ?? []).Distinct().ToList();
            if (source == LessonSource.Listed)
            {
                var known = await db.Alliances.AsNoTracking().Where(a => listed.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
                var unknown = listed.Where(a => !known.Contains(a) || a == id).ToList();
                if (listed.Count == 0 || unknown.Count > 0)
                    return Problems.Validation("alliances", CallerLanguage.Pick(http.Request,
                        listed.Count == 0 ? "课程来源为“也上所列联盟的课”（listed）时，至少要列出一个其他联盟。" : $"这些联盟不存在或就是本联盟：{string.Join("、", unknown)}。",
                        listed.Count == 0 ? "A lesson source of listed alliances (listed) needs at least one other alliance." : $"These alliances do not exist or are this one: {string.Join(", ", unknown)}."));
            }

            alliance.LessonSource = source;
            alliance.LessonSourceAlliances = source == LessonSource.Listed ? DistrictPolicy.FormatIds(listed) : "";
            await db.SaveChangesAsync(ct);
            return Results.Ok(await LessonSourceView.OfAsync(db, alliance, ct));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null))
            .Produces<LessonSourceView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        api.MapPost("/district/solve", async (SolveRequest? r, HttpContext http, SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            var zone = AllianceClock.Zone(null);
            var from = r?.From ?? AllianceClock.WeekStart(AllianceClock.Today(clock, zone));
            var to = r?.To ?? from.AddDays(6);
            if (to < from) return Problems.Validation("to", CallerLanguage.Pick(http.Request, "结束日期早于开始日期。", "'to' is before 'from'."));
            if (to.DayNumber - from.DayNumber + 1 > PairingEndpoints.MaxRangeDays)
                return Problems.Validation("to", CallerLanguage.Pick(http.Request, $"一次最多排 {PairingEndpoints.MaxRangeDays} 天。", $"Solve at most {PairingEndpoints.MaxRangeDays} days at a time."));
            var (job, _) = await queue.EnqueueAsync(0, from, to, ct, districtWide: true);
            return Results.Accepted(JobLocation(job.Id), DistrictSolveJobView.Of(job, []));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null)).RequireRateLimiting(RateLimitPolicies.Solve)
            .Produces<DistrictSolveJobView>(StatusCodes.Status202Accepted).ProducesValidationProblem();

        api.MapGet("/district/solve/{jobId:long}", async (long jobId, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var job = await db.SolveJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.DistrictWide, ct);
            if (job is null) return Problems.NotFound("Solve job", jobId);
            var runs = await (from run in db.SolveRuns.AsNoTracking()
                              where run.DistrictJobId == jobId
                              join a in db.Alliances.AsNoTracking() on run.AllianceId equals a.Id
                              orderby a.Id
                              select new { run, a.Name }).ToListAsync(ct);
            return Results.Ok(DistrictSolveJobView.Of(job, runs.Select(x => DistrictAllianceRun.Of(x.run, x.Name)).ToList(), CallerLanguage.IsEnglish(http.Request)));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.County, null))
            .Produces<DistrictSolveJobView>().ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}

/// <summary>PUT /api/district; null settings follow the server's configuration.</summary>
public sealed record DistrictRequest(string? Name, double? MinOverlapShare, int? RelayCapacityPerLesson, double? UplinkSharePerStream);

/// <summary>The district's name, what it set, what alliances inherit from it, and the server's defaults.</summary>
public sealed record DistrictView(string Name, DistrictRequest Own, AllianceSettings Inherited, AllianceSettings ServerDefaults)
{
    public static DistrictView From(District? d, SchedulerOptions o) => new(
        d?.Name ?? "", new DistrictRequest(d?.Name, d?.MinOverlapShare, d?.RelayCapacityPerLesson, d?.UplinkSharePerStream),
        AllianceSettings.Defaults(o, d), AllianceSettings.Defaults(o));
}

/// <summary>PUT body: <c>source</c> own | listed | county; <c>alliances</c> the other alliances for listed.</summary>
public sealed record LessonSourceRequest(string? Source, IReadOnlyList<long>? Alliances);

/// <summary>
/// Whose lessons the alliance's rooms may take, and the alliances a solve of it is entangled with
/// (either way); when that list is not empty the alliance is solved with the district.
/// </summary>
public sealed record LessonSourceView(long AllianceId, string Source, IReadOnlyList<long> Alliances, IReadOnlyList<long> EntangledWith, bool DistrictSolveRequired)
{
    public static async Task<LessonSourceView> OfAsync(SchedulerDbContext db, Alliance a, CancellationToken ct)
    {
        var entangled = await DistrictPolicy.EntangledWithAsync(db, a.Id, ct);
        return new(a.Id, a.LessonSource.ToString().ToLowerInvariant(), [.. DistrictPolicy.ParseIds(a.LessonSourceAlliances)], entangled, entangled.Count > 0);
    }
}

/// <summary>One alliance's share of a district-wide solve: its run (read it at <see cref="Pairings"/>) and statistics.</summary>
public sealed record DistrictAllianceRun(long AllianceId, string AllianceName, long SolveRunId, string Pairings, PairingStatsView Stats)
{
    public static DistrictAllianceRun Of(SolveRun r, string name) => new(r.AllianceId, name, r.Id,
        $"/api/alliances/{r.AllianceId}/pairings?from={r.From:yyyy-MM-dd}&to={r.To:yyyy-MM-dd}",
        new PairingStatsView(r.Demanded, r.Covered, r.UpperBound, r.UpperBound == 0 ? 1.0 : Math.Round((double)r.Covered / r.UpperBound, 4),
            r.Kept, r.Moved, r.Added, r.DroppedNotOccurring, Math.Round(r.ElapsedMs, 1), r.SolverStatus));
}

/// <summary>A district-wide solve job: state and progress as an alliance's, then one entry per alliance and the county's totals.</summary>
public sealed record DistrictSolveJobView(long Id, DateOnly From, DateOnly To, string State, double Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, SolveJobError? Error, IReadOnlyList<DistrictAllianceRun> Alliances,
    int Demanded, int Covered, int UpperBound, int Moved)
{
    public static DistrictSolveJobView Of(SolveJob j, IReadOnlyList<DistrictAllianceRun> runs, bool english = false)
    {
        var basic = SolveJobView.Of(j, null, english);
        return new(j.Id, j.From, j.To, basic.State, basic.Progress, basic.CreatedAt, basic.FinishedAt, basic.Error, runs,
            runs.Sum(r => r.Stats.Demanded), runs.Sum(r => r.Stats.Covered), runs.Sum(r => r.Stats.UpperBound), runs.Sum(r => r.Stats.Moved));
    }
}
