using Classroom.Contracts.Export;
using Classroom.Contracts.Access;
using System.Globalization;
using System.Text;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Feeds;
using Classroom.Scheduler.Import;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>Read the stored pairings and explanations, and export them. Solving is a job (<see cref="SolveJobEndpoints"/>); these only read.</summary>
public static class PairingEndpoints
{
    public const int MaxRangeDays = 31;

    public static RouteGroupBuilder MapPairings(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/pairings", async (long id, DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            return await scheduling.StoredAsync(id, range.From, range.To, ct) is { } stored ? Results.Ok(stored) : await NotSolvedAsync(http, db, id, range, ct);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance)).Produces<WeekSolveResult>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        // Reads only, like every GET: a week nobody solved yet answers 404 "not_solved" naming the queued job, if any.
        api.MapGet("/alliances/{id:long}/pairings/current-week", async (long id, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, null, null, clock, ct);
            if (range.Problem is not null) return range.Problem;
            return await scheduling.StoredAsync(id, range.From, range.To, ct) is { } stored ? Results.Ok(stored) : await NotSolvedAsync(http, db, id, range, ct);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance)).Produces<WeekSolveResult>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/alliances/{id:long}/pairings.csv", async (long id, DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.StoredAsync(id, range.From, range.To, ct);
            if (result is null) return await NotSolvedAsync(http, db, id, range, ct);
            await audit.RecordAsync("pairings.export", $"alliance:{id}:{range.From:yyyyMMdd}", AuditOutcome.Succeeded, ct);
            var zone = AllianceClock.Zone((await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == id, ct)).TimeZone);
            return Results.File(PairingCsv(result, zone), "text/csv; charset=utf-8", $"pairings-{id}-{range.From:yyyyMMdd}.csv");
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        api.MapGet("/alliances/{id:long}/pairings.xlsx", async (long id, DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.StoredAsync(id, range.From, range.To, ct);
            if (result is null) return await NotSolvedAsync(http, db, id, range, ct);
            await audit.RecordAsync("pairings.export", $"alliance:{id}:{range.From:yyyyMMdd}", AuditOutcome.Succeeded, ct);
            var zone = AllianceClock.Zone((await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == id, ct)).TimeZone);
            return Results.File(Xlsx.Write("结对 Pairings", PairingRows(result, zone)), Xlsx.ContentType, $"pairings-{id}-{range.From:yyyyMMdd}.xlsx");
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces(StatusCodes.Status200OK, contentType: ImportEndpoints.XlsxType).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        // The week as one iCalendar file (one event per lesson occurrence, its paired rooms in the
        // description), under sign-in like the CSV/xlsx exports: the admin console downloads it with
        // the session cookie. Subscribable feeds with their own keys are FeedEndpoints'.
        api.MapGet("/alliances/{id:long}/pairings.ics", async (long id, DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, SchedulingService scheduling, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        {
            var range = await RangeAsync(db, id, from, to, clock, ct);
            if (range.Problem is not null) return range.Problem;
            var result = await scheduling.StoredAsync(id, range.From, range.To, ct);
            if (result is null) return await NotSolvedAsync(http, db, id, range, ct);
            await audit.RecordAsync("pairings.export", $"alliance:{id}:{range.From:yyyyMMdd}", AuditOutcome.Succeeded, ct);
            var alliance = await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == id, ct);
            var text = LessonCalendar.Write($"{alliance.Name} {range.From:yyyy-MM-dd}", alliance.TimeZone, PairingLessons(result));
            return Results.File(Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"pairings-{id}-{range.From:yyyyMMdd}.ics");
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        return api;
    }

    /// <summary>The export table (header + one row per pairing), shared by the CSV and xlsx exports.</summary>
    public static IEnumerable<IReadOnlyList<string?>> PairingRows(WeekSolveResult result, TimeZoneInfo zone)
    {
        yield return ["日期 date", "开始 start", "结束 end", "学科 subject", "年级 grade", "主讲教师 teacher", "课次 lesson", "学校 school", "班级 class"];
        foreach (var p in result.Pairings)
        {
            var start = TimeZoneInfo.ConvertTime(p.StartsAt, zone);
            var end = TimeZoneInfo.ConvertTime(p.EndsAt, zone);
            yield return [p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture),
                p.Subject, p.Grade.ToString(CultureInfo.InvariantCulture), p.TeacherName, p.LessonId, p.SchoolName, p.ClassroomName];
        }
    }

    /// <summary>One calendar event per lesson occurrence; where it is taught and which rooms join it.</summary>
    public static IEnumerable<CalendarLesson> PairingLessons(WeekSolveResult result) =>
        result.Pairings.GroupBy(p => p.LessonId).Select(g => new CalendarLesson(g.Key, g.First().Subject, g.First().Grade, g.First().StartsAt, g.First().EndsAt,
            string.Empty, "主讲教师 Teacher: " + g.First().TeacherName + "\n参加班级 Rooms: " + string.Join("、", g.Select(p => p.SchoolName + " " + p.ClassroomName).Order(StringComparer.Ordinal))));

    /// <summary>CSV with a UTF-8 BOM so Excel on a Chinese Windows opens the names correctly.</summary>
    public static byte[] PairingCsv(WeekSolveResult result, TimeZoneInfo zone)
        => Csv.Bytes(PairingRows(result, zone));

    internal sealed record Range(DateOnly From, DateOnly To, IResult? Problem);

    /// <summary>
    /// 404 "not_solved" in the caller's language (zh-CN default, English for Accept-Language en or ?lang=en):
    /// no stored result for the range; "solveJob" links the queued or running solve of it, if any; "from"/"to" are the range.
    /// </summary>
    private static async Task<IResult> NotSolvedAsync(HttpContext http, SchedulerDbContext db, long allianceId, Range range, CancellationToken ct)
    {
        var pending = await SolveJobQueue.Pending(db, allianceId, range.From, range.To).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
        var english = CallerLanguage.IsEnglish(http.Request);
        var days = $"{range.From:yyyy-MM-dd}..{range.To:yyyy-MM-dd}";
        var detail = (english, pending is null) switch
        {
            (true, true) => $"No pairing was computed for {days}; POST /api/alliances/{allianceId}/solve first.",
            (true, false) => $"The pairing for {days} is being computed; follow solveJob.",
            (false, true) => $"{days} 还没有排课结果，请先排课（POST /api/alliances/{allianceId}/solve）。",
            (false, false) => $"{days} 正在排课，请查看 solveJob。",
        };
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: english ? "Not solved yet" : "尚未排课", detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "not_solved",
                ["solveJob"] = pending is null ? null : SolveJobEndpoints.Location(allianceId, pending.Value),
                // The days asked about — for current-week, the server's week (its clock, the alliance's zone), which a page opens on.
                ["from"] = range.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = range.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });
    }

    internal static async Task<Range> RangeAsync(SchedulerDbContext db, long allianceId, DateOnly? from, DateOnly? to, TimeProvider clock, CancellationToken ct)
    {
        var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == allianceId, ct);
        if (alliance is null) return new Range(default, default, Problems.NotFound("Alliance", allianceId));
        var start = from ?? AllianceClock.WeekStart(AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone)));
        var end = to ?? start.AddDays(6);
        if (end < start) return new Range(start, end, Problems.Validation("to", "'to' is before 'from'."));
        if (end.DayNumber - start.DayNumber + 1 > MaxRangeDays)
            return new Range(start, end, Problems.Validation("to", $"Solve at most {MaxRangeDays} days at a time."));
        return new Range(start, end, null);
    }
}
