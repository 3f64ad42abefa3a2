using Classroom.Contracts.Access;
using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// The enrolled studio PC (录播主机, docs/kiosk.md "Studio PC"): <c>GET /api/device/studio</c> answers
/// "what is taught from my studio today?" for the device's own studio, as <c>GET /api/device/lesson</c>
/// answers a classroom PC. Every lesson of the studio on the day (weekly lessons, one-date lessons and
/// bookings alike) at the lead school's bells, with how many rooms are paired, and the next day with
/// a lesson. It names no minor (no roster, no student), so it is not audited. It gives no join token:
/// the teacher signs in on the studio console, the device's credential does not start a lesson.
/// </summary>
public static class StudioDayEndpoints
{
    /// <summary>How far ahead the next day with a lesson is looked for (a term's holidays fit in it).</summary>
    public const int LookAheadDays = 62;

    public sealed record StudioDayLesson(string LessonId, string PeriodName, string Subject, int Grade, string TeacherName,
        DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PairedRooms, bool OneDate, string Status);

    /// <summary>The studio's day: its lessons in bell order (status upcoming / live / ended by the server's clock) and the next day with a lesson after it.</summary>
    /// <summary><c>timeZone</c>: the alliance's IANA zone, in which the page shows the clock and the bell times.</summary>
    public sealed record StudioDay(long StudioId, string StudioName, long SchoolId, string SchoolName, DateOnly Date, DateTimeOffset Now,
        IReadOnlyList<StudioDayLesson> Lessons, DateOnly? NextDate, string TimeZone);

    public static IEndpointRouteBuilder MapStudioDay(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/device/studio", async (DateOnly? date, HttpContext http, SchedulerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            // The same device scope as GET /api/device/lesson: the credential's own grant says which studio; nothing else reaches here.
            var grants = AccessClaims.GrantsOf(http.User);
            var grant = grants.FirstOrDefault(g => g.Role == AccountRole.Device && g.StudioId is not null);
            if (grant is null)
            {
                return grants.Any(g => g.Role == AccountRole.Device)
                    ? Forbidden(http, "这是教室电脑：只有录播室已登记的录播主机能查看录播室的课表。", "This is a classroom PC: only an enrolled studio PC sees a studio's lessons.")
                    : Forbidden(http, "只有录播室已登记的录播主机能查看这里；教师请打开“我的课程”。", "Only an enrolled studio PC sees this; teachers open their week instead.");
            }

            var studio = await db.Studios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == grant.StudioId && s.SchoolId == grant.SchoolId, ct);
            if (studio is null) return Problems.NotFound(http.Request, "录播室", "Studio", grant.StudioId!);
            var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == studio.SchoolId, ct);
            var alliance = await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == school.AllianceId, ct);
            var zone = AllianceClock.Zone(alliance.TimeZone);
            var now = clock.GetUtcNow();
            var today0 = AllianceClock.Today(clock, zone);
            var day = date ?? today0;
            if (Math.Abs(day.DayNumber - today0.DayNumber) > 366)
                return Problems.Validation("date", CallerLanguage.Pick(http.Request, "日期须在今天前后一年之内。", "The date must be within a year of today."));

            // Weekly lessons, and the one-date lessons of the days looked at (not every booking the studio ever had).
            var last = day.AddDays(LookAheadDays);
            var lessons = await db.LeadLessons.AsNoTracking().Include(l => l.Teacher)
                .Where(l => l.StudioId == studio.Id && (l.OneOffDate == null || (l.OneOffDate >= day && l.OneOffDate <= last))).ToListAsync(ct);
            var schoolIds = lessons.Select(l => l.SchoolId).Append(school.Id).Distinct().ToList();
            var bells = (await db.BellSchedules.AsNoTracking().Include(b => b.Periods).Where(b => schoolIds.Contains(b.SchoolId)).ToListAsync(ct))
                .ToLookup(b => b.SchoolId);
            var terms = await db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == school.AllianceId || t.AllianceId == null).ToListAsync(ct);
            var calendar = new TermCalendar(terms);

            var today = Occurrences(lessons, day, calendar, bells, zone);
            var keys = today.Select(o => o.LessonId).ToList();
            var paired = (await db.Pairings.AsNoTracking().Where(p => keys.Contains(p.LessonId)).Select(p => new { p.LessonId, p.ClassroomId }).ToListAsync(ct))
                .GroupBy(p => p.LessonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.ClassroomId).Distinct().Count(), StringComparer.Ordinal);

            var views = today.Select(o => new StudioDayLesson(o.LessonId, o.Lesson.PeriodName, o.Lesson.Subject, o.Lesson.Grade, o.Lesson.Teacher?.Name ?? "",
                    o.Start, o.End, paired.GetValueOrDefault(o.LessonId), o.Lesson.OneOffDate is not null,
                    now < o.Start ? "upcoming" : now < o.End ? "live" : "ended"))
                .ToList();

            DateOnly? next = null;
            for (var d = day.AddDays(1); d <= day.AddDays(LookAheadDays) && next is null; d = d.AddDays(1))
            {
                if (Occurrences(lessons, d, calendar, bells, zone).Count > 0) next = d;
            }

            return Results.Ok(new StudioDay(studio.Id, studio.Name, school.Id, school.Name, day, now, views, next, zone.Id));
        }).WithMetadata(new SignedInEndpoint("an enrolled studio device reads its own studio's lessons of a day; the handler refuses every other caller"))
            .Produces<StudioDay>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem()
            .RequireRateLimiting(RateLimitPolicies.Kiosk);
        return app;
    }

    private sealed record Occurrence(string LessonId, LeadLesson Lesson, DateTimeOffset Start, DateTimeOffset End);

    /// <summary>The studio's lessons on <paramref name="date"/> at their school's bells, by the solver's rule (LessonTimes).</summary>
    private static List<Occurrence> Occurrences(List<LeadLesson> lessons, DateOnly date, TermCalendar calendar, ILookup<long, BellSchedule> bells, TimeZoneInfo zone)
    {
        if (calendar.TimetableDay(date) is not { } follows) return [];
        var found = new List<Occurrence>();
        foreach (var lesson in lessons.Where(l => LessonTimes.TaughtOn(l, date, follows)))
        {
            if (LessonTimes.Bells(bells[lesson.SchoolId], date, follows, lesson.PeriodName, zone) is { } at)
                found.Add(new Occurrence(new LessonOccurrenceId(lesson.Id, date).ToString(), lesson, at.Start, at.End));
        }

        return found.OrderBy(o => o.Start).ThenBy(o => o.LessonId, StringComparer.Ordinal).ToList();
    }

    private static IResult Forbidden(HttpContext http, string zh, string en) => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: CallerLanguage.Pick(http.Request, "无权访问", "Forbidden"), detail: CallerLanguage.Pick(http.Request, zh, en),
        extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });
}
