using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// The classroom projector PC (kiosk). It is an enrolled device (docs/access.md "Devices"): its
/// credential says which room it is, and <c>GET /api/device/lesson</c> answers "what is my lesson
/// now?" with a join token scoped to that one lesson. The old fixed link /k/{key} only opens the
/// kiosk page, which shows the pairing screen until the PC is enrolled.
/// While a lesson is on (or about to start), the answer also carries the room's roster names, so
/// the facilitator picks absentees from a list (docs/kiosk.md); that read is audited like any
/// roster read.
/// </summary>
public static class KioskEndpoints
{
    /// <summary>A room may join this long before its lesson starts.</summary>
    public static readonly TimeSpan EarlyJoin = TimeSpan.FromMinutes(10);

    /// <summary>The kiosk page the fixed link opens.</summary>
    public const string KioskPage = "/vue/kiosk.html";

    public sealed record KioskLesson(string LessonId, string Subject, int Grade, string TeacherName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Token, DateTimeOffset? TokenExpiresAt, string LeadSchoolName = "");
    public sealed record KioskState(long ClassroomId, string ClassName, long SchoolId, string SchoolName, DateTimeOffset Now, KioskLesson? Current, KioskLesson? Next, IReadOnlyList<string>? Roster = null);

    public static IEndpointRouteBuilder MapKiosk(this IEndpointRouteBuilder app)
    {
        // The Vue kiosk (docs/kiosk.md); the key itself carries nothing (the device cookie says which room).
        app.MapGet("/k/{key}", (string key) => Results.Redirect(KioskPage))
            .WithMetadata(new PublicEndpoint("opens the kiosk page, which shows the pairing screen until the PC is enrolled"))
            .Produces(StatusCodes.Status302Found)
            .RequireRateLimiting(RateLimitPolicies.Kiosk);

        app.MapGet("/api/device/lesson", async (HttpContext http, SchedulerDbContext db, JoinTokenService tokens, TimeProvider clock, IAuditTrail audit, CancellationToken ct) =>
        {
            var grant = AccessClaims.GrantsOf(http.User).FirstOrDefault(g => g.Role == AccountRole.Device && g.ClassroomId is not null);
            var subject = AccessClaims.SubjectOf(http.User);
            if (grant is null || subject is null)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: CallerLanguage.Pick(http.Request, "无权访问", "Forbidden"),
                    detail: CallerLanguage.Pick(http.Request, "只有已登记的教室电脑在这里有课。", "Only an enrolled classroom device has a lesson here."),
                    extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });
            var room = await db.Classrooms.AsNoTracking().Include(c => c.School).FirstOrDefaultAsync(c => c.Id == grant.ClassroomId && c.SchoolId == grant.SchoolId, ct);
            if (room is null) return Problems.NotFound("Classroom", grant.ClassroomId!);
            var now = clock.GetUtcNow();
            var since = now.UtcTicks - TimeSpan.FromHours(12).Ticks;
            var until = now.UtcTicks + TimeSpan.FromDays(8).Ticks;
            var upcoming = await (from p in db.Pairings.AsNoTracking()
                                  join l in db.LeadLessons.AsNoTracking() on p.LeadLessonId equals l.Id
                                  where p.ClassroomId == room.Id && p.EndUtcTicks >= since && p.StartUtcTicks <= until
                                  orderby p.StartUtcTicks
                                  join s in db.Schools.AsNoTracking() on l.SchoolId equals s.Id
                                  select new { p.LessonId, l.Subject, l.Grade, Teacher = l.Teacher!.Name, LeadSchool = s.Name, p.StartUtcTicks, p.EndUtcTicks })
                                 .ToListAsync(ct);

            KioskLesson? current = null, next = null;
            foreach (var p in upcoming)
            {
                var start = new DateTimeOffset(p.StartUtcTicks, TimeSpan.Zero);
                var end = new DateTimeOffset(p.EndUtcTicks, TimeSpan.Zero);
                if (current is null && now >= start - EarlyJoin && now <= end)
                {
                    var token = tokens.ForClassroom(room.School!.AllianceId, p.LessonId, room.SchoolId, room.Id, end, subject);
                    current = new KioskLesson(p.LessonId, p.Subject, p.Grade, p.Teacher, start, end, token.Token, token.ExpiresAt, p.LeadSchool);
                }
                else if (next is null && start > now && (current is null || p.LessonId != current.LessonId))
                {
                    next = new KioskLesson(p.LessonId, p.Subject, p.Grade, p.Teacher, start, end, null, null, p.LeadSchool);
                }
            }

            // The roster (display names only) is read only while the room has a lesson to check in to.
            List<string>? roster = null;
            if (current is not null)
            {
                roster = await db.Roster.AsNoTracking().Where(r => r.ClassroomId == room.Id).OrderBy(r => r.SchoolStudentId).Select(r => r.DisplayName).ToListAsync(ct);
                await audit.RecordAsync("roster.read", $"classroom:{room.Id}", AuditOutcome.Succeeded, ct);
            }

            return Results.Ok(new KioskState(room.Id, room.ClassName, room.SchoolId, room.School!.Name, now, current, next, roster));
        }).WithMetadata(new SignedInEndpoint("an enrolled classroom device reads its own room's lesson"))
            .Produces<KioskState>().ProducesProblem(StatusCodes.Status404NotFound).RequireRateLimiting(RateLimitPolicies.Kiosk);

        return app;
    }
}
