using Classroom.Contracts.Access;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Feeds;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Calendar feeds a teacher or a classroom subscribes to. Calendar apps cannot send a bearer
/// token, so each feed URL carries its own unguessable key (the teacher's or the room's feed key,
/// stored as a hash and reset with <see cref="LinkKeyEndpoints"/>; never a kiosk key or a device
/// credential). They cover four weeks back and eight ahead.
/// </summary>
public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feeds/teachers/{id:long}.ics", async (long id, string? key, SchedulerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var teacher = await db.Teachers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (teacher is null || !SecretKeys.Matches(teacher.FeedKeyHash, key)) return Problems.NotFound("Teacher feed", id);
            var (since, until) = Window(clock);
            var rows = await (from p in db.Pairings.AsNoTracking()
                              join l in db.LeadLessons.AsNoTracking() on p.LeadLessonId equals l.Id
                              join c in db.Classrooms.AsNoTracking() on p.ClassroomId equals c.Id
                              join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                              where l.TeacherId == id && p.Date >= since && p.Date <= until
                              select new { p.LessonId, l.Subject, l.Grade, p.StartUtcTicks, p.EndUtcTicks, Studio = l.Studio!.Name, Room = s.Name + " " + c.ClassName, l.AllianceId })
                             .ToListAsync(ct);
            var zone = await ZoneAsync(db, rows.Select(r => r.AllianceId).FirstOrDefault(), ct);
            var lessons = rows.GroupBy(r => r.LessonId).Select(g => new CalendarLesson(g.Key, g.First().Subject, g.First().Grade,
                Utc(g.First().StartUtcTicks), Utc(g.First().EndUtcTicks), g.First().Studio,
                "参加班级 Rooms: " + string.Join("、", g.Select(x => x.Room).Order(StringComparer.Ordinal))));
            return Ics(LessonCalendar.Write($"{teacher.Name} 同上一节课", zone, lessons));
        }).WithMetadata(new PublicEndpoint("calendar apps send no credentials: the feed\'s own key is checked"))
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/feeds/classrooms/{id:long}.ics", async (long id, string? key, SchedulerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var room = await db.Classrooms.AsNoTracking().Include(c => c.School).FirstOrDefaultAsync(c => c.Id == id, ct);
            if (room is null || !SecretKeys.Matches(room.FeedKeyHash, key)) return Problems.NotFound("Classroom feed", id);
            var (since, until) = Window(clock);
            var rows = await (from p in db.Pairings.AsNoTracking()
                              join l in db.LeadLessons.AsNoTracking() on p.LeadLessonId equals l.Id
                              where p.ClassroomId == id && p.Date >= since && p.Date <= until
                              select new { p.LessonId, l.Subject, l.Grade, p.StartUtcTicks, p.EndUtcTicks, Teacher = l.Teacher!.Name })
                             .ToListAsync(ct);
            var zone = await ZoneAsync(db, room.School!.AllianceId, ct);
            var lessons = rows.Select(r => new CalendarLesson(r.LessonId, r.Subject, r.Grade, Utc(r.StartUtcTicks), Utc(r.EndUtcTicks),
                room.ClassName, "主讲教师 Teacher: " + r.Teacher));
            return Ics(LessonCalendar.Write($"{room.School.Name} {room.ClassName} 同上一节课", zone, lessons));
        }).WithMetadata(new PublicEndpoint("calendar apps send no credentials: the feed\'s own key is checked"))
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static (DateOnly From, DateOnly To) Window(TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (today.AddDays(-28), today.AddDays(56));
    }

    private static async Task<string> ZoneAsync(SchedulerDbContext db, long allianceId, CancellationToken ct) =>
        (await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == allianceId, ct))?.TimeZone ?? AllianceClock.DefaultZone;

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static IResult Ics(string text) => Results.Text(text, "text/calendar; charset=utf-8");
}
