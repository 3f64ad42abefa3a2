using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Lesson occurrences as the other services see them: who is in the lesson (for the hub), join
/// tokens for the signed-in caller (the lesson's teacher, a paired room's enrolled device, an admin
/// observing), tokens an admin hands out, and stage tokens (the teacher brings a room on stage).
/// </summary>
public static class LessonEndpoints
{
    public static IEndpointRouteBuilder MapLessons(this IEndpointRouteBuilder app)
    {
        app.MapGet(Contracts.Routes.LessonRoster, async (string lessonId, HttpContext http, LessonDirectory lessons, JoinTokenService tokens, CancellationToken ct) =>
        {
            if (!BearerAuth.TryRead(http, tokens, out var claims, out var problem)) return problem!;
            if (!string.Equals(claims!.LessonId, lessonId, StringComparison.Ordinal)) return Problems.Forbidden("The token is for another lesson.");
            return await lessons.FindAsync(lessonId, ct) is { } roster ? Results.Ok(roster) : Problems.NotFound("Lesson", lessonId);
        }).WithMetadata(new PublicEndpoint("the lesson's join token is checked by the handler"))
            .Produces<LessonRosterDto>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/lessons/{lessonId}/join", async (string lessonId, HttpContext http, LessonDirectory lessons, JoinTokenService tokens,
            IAuditTrail audit, CancellationToken ct) =>
        {
            var lesson = await lessons.FindAsync(lessonId, ct);
            if (lesson is null) return Problems.NotFound("Lesson", lessonId);
            var issued = LessonJoin.Issue(http.User, lesson, tokens);
            await audit.RecordAsync("lesson.join", $"{lessonId}:{issued?.Role ?? "refused"}", issued is null ? AuditOutcome.Refused : AuditOutcome.Succeeded, ct);
            return issued is null
                ? Problems.Forbidden("You are neither this lesson's teacher, nor an enrolled device of a paired room or its studio, nor an admin of its alliance.")
                : Results.Ok(issued);
        }).WithMetadata(new SignedInEndpoint("LessonJoin admits the lesson's teacher, a paired room's device, the studio's device or an admin of the lesson's scope"))
            .Produces<LessonJoin.Joined>().ProducesProblem(StatusCodes.Status404NotFound).WithMetadata(new NoRequestBody("the lesson is in the route; the caller's grants decide which token it gets"));

        app.MapPost("/api/lessons/{lessonId}/tokens", async (string lessonId, LessonTokenRequest r, HttpContext http, LessonDirectory lessons,
            JoinTokenService tokens, IAuditTrail audit, CancellationToken ct) =>
        {
            var lesson = await lessons.FindAsync(lessonId, ct);
            if (lesson is null) return Problems.NotFound("Lesson", lessonId);
            JoinTokenService.Issued issued;
            switch (r.Role)
            {
                case "teacher":
                    issued = tokens.ForTeacher(lesson.AllianceId, lesson.LessonId, lesson.LeadSchoolId, lesson.TeacherId, lesson.EndsAt);
                    break;
                case "classroom":
                    var room = lesson.Rooms.FirstOrDefault(x => x.ClassroomId == r.ClassroomId);
                    if (room is null) return Problems.Validation("classroomId", $"Classroom {r.ClassroomId} is not paired with lesson {lessonId}.");
                    issued = tokens.ForClassroom(lesson.AllianceId, lesson.LessonId, room.SchoolId, room.ClassroomId, lesson.EndsAt);
                    break;
                default:
                    return Problems.Validation("role", "Role must be 'teacher' or 'classroom'.");
            }

            await audit.RecordAsync("token.issue", $"{lessonId}:{r.Role}:{r.ClassroomId}", AuditOutcome.Succeeded, ct);
            return Results.Ok(issued);
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Lesson, "lessonId"))
            .Produces<JoinTokenService.Issued>().ProducesValidationProblem();

        app.MapPost("/api/lessons/{lessonId}/stage-tokens", async (string lessonId, StageTokenRequest r, HttpContext http, LessonDirectory lessons,
            JoinTokenService tokens, CancellationToken ct) =>
        {
            if (!BearerAuth.TryRead(http, tokens, out var claims, out var problem)) return problem!;
            // The teacher's token: a studio PC's encoder token publishes too, but has no hub and brings nobody on stage.
            if (claims!.Role != ClassroomRole.Teacher || claims.LessonId != lessonId || !claims.HasScope(JoinTokenScopes.Publish) || !claims.HasScope(JoinTokenScopes.Hub))
                return Problems.Forbidden("Only the lesson's teacher can bring a room on stage.");
            var lesson = await lessons.FindAsync(lessonId, ct);
            if (lesson is null) return Problems.NotFound("Lesson", lessonId);
            var room = lesson.Rooms.FirstOrDefault(x => x.ClassroomId == r.ClassroomId);
            if (room is null) return Problems.Validation("classroomId", $"Classroom {r.ClassroomId} is not paired with lesson {lessonId}.");
            var issued = tokens.ForStage(lesson.AllianceId, lesson.LessonId, room.SchoolId, room.ClassroomId, lesson.EndsAt);
            return Results.Created($"/api/lessons/{lessonId}/stage-tokens/{room.ClassroomId}", issued);
        }).WithMetadata(new PublicEndpoint("the teacher's join token is checked by the handler"))
            .Produces<JoinTokenService.Issued>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

/// <summary>Who gets which join token for a lesson, from the signed-in caller's grants (docs/access.md "Join tokens").</summary>
public static class LessonJoin
{
    public sealed record Joined(string Token, DateTimeOffset ExpiresAt, string Role, long? ClassroomId);

    public static Joined? Issue(System.Security.Claims.ClaimsPrincipal user, LessonRosterDto lesson, JoinTokenService tokens)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        ArgumentNullException.ThrowIfNull(tokens);
        var subject = AccessClaims.SubjectOf(user);
        if (subject is null) return null;
        var grants = AccessClaims.GrantsOf(user);
        var scope = new ResourceScope(lesson.AllianceId, lesson.LeadSchoolId, null, lesson.TeacherId);
        if (grants.Any(g => g.Role == AccountRole.Teacher) && AccessPolicy.Allows(grants.Where(g => g.Role == AccountRole.Teacher).ToList(), Permission.Teach, scope))
            return From(tokens.ForTeacher(lesson.AllianceId, lesson.LessonId, lesson.LeadSchoolId, lesson.TeacherId, lesson.EndsAt, subject), "teacher", null);
        foreach (var g in grants.Where(g => g.Role == AccountRole.Device))
        {
            if (g.StudioId is { } studio && studio == lesson.StudioId)
                return From(tokens.ForStudioEncoder(lesson.AllianceId, lesson.LessonId, lesson.LeadSchoolId, lesson.TeacherId, lesson.EndsAt, subject), "studio", null);
            if (lesson.Rooms.FirstOrDefault(r => r.ClassroomId == g.ClassroomId && r.SchoolId == g.SchoolId) is { } room)
                return From(tokens.ForClassroom(lesson.AllianceId, lesson.LessonId, room.SchoolId, room.ClassroomId, lesson.EndsAt, subject), "classroom", room.ClassroomId);
        }

        return AccessPolicy.Allows(grants, Permission.Read, new ResourceScope(lesson.AllianceId, null))
            ? From(tokens.ForObserver(lesson.AllianceId, lesson.LessonId, subject, lesson.EndsAt), "observer", null)
            : null;
    }

    private static Joined From(JoinTokenService.Issued issued, string role, long? classroomId) => new(issued.Token, issued.ExpiresAt, role, classroomId);
}
