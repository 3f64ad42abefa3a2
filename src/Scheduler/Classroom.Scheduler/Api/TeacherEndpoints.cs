using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>"My lessons": the signed-in teacher's lesson occurrences with their paired rooms.</summary>
public static class TeacherEndpoints
{
    public sealed record MyRoom(long ClassroomId, string ClassroomName, long SchoolId, string SchoolName);
    public sealed record MyLesson(string LessonId, string Subject, int Grade, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string StudioName, IReadOnlyList<MyRoom> Rooms);

    public static IEndpointRouteBuilder MapTeacherLessons(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/lessons", async (DateOnly? from, DateOnly? to, HttpContext http, SchedulerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var teacherIds = AccessClaims.GrantsOf(http.User).Where(g => g.Role == AccountRole.Teacher && g.TeacherId is not null).Select(g => g.TeacherId!.Value).ToList();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var start = from ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var end = to ?? start.AddDays(6);
            if (end < start || end.DayNumber - start.DayNumber > 62) return Problems.Validation("to", "'to' must be after 'from' and at most 62 days later.");
            var rows = await (from p in db.Pairings.AsNoTracking()
                              join l in db.LeadLessons.AsNoTracking() on p.LeadLessonId equals l.Id
                              join c in db.Classrooms.AsNoTracking() on p.ClassroomId equals c.Id
                              join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                              where teacherIds.Contains(l.TeacherId) && p.Date >= start && p.Date <= end
                              select new { p.LessonId, l.Subject, l.Grade, p.StartUtcTicks, p.EndUtcTicks, Studio = l.Studio!.Name, c.Id, c.ClassName, SchoolId = s.Id, SchoolName = s.Name })
                             .ToListAsync(ct);
            var lessons = rows.GroupBy(r => r.LessonId).Select(g => new MyLesson(g.Key, g.First().Subject, g.First().Grade,
                    new DateTimeOffset(g.First().StartUtcTicks, TimeSpan.Zero), new DateTimeOffset(g.First().EndUtcTicks, TimeSpan.Zero), g.First().Studio,
                    g.OrderBy(r => r.SchoolId).ThenBy(r => r.Id).Select(r => new MyRoom(r.Id, r.ClassName, r.SchoolId, r.SchoolName)).ToList()))
                .OrderBy(l => l.StartsAt).ToList();
            return Results.Ok(lessons);
        }).WithTags("Scheduler").WithMetadata(new SignedInEndpoint("the caller's own lessons (teacher grants)"))
            .Produces<List<MyLesson>>().ProducesValidationProblem();
        return app;
    }
}
