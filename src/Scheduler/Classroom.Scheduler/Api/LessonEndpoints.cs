using System.Net;
using Classroom.Contracts.Tokens;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Lesson occurrences as the other services see them: who is in the lesson (for the hub), join
/// tokens (for admins handing out links), and stage tokens (the teacher brings a room on stage,
/// which lets that room publish into the relay).
/// </summary>
public static class LessonEndpoints
{
    public static IEndpointRouteBuilder MapLessons(this IEndpointRouteBuilder app)
    {
        app.MapGet(Contracts.Routes.LessonRoster, async (string lessonId, HttpContext http, LessonDirectory lessons,
            JoinTokenService tokens, IOptions<SchedulerOptions> options, CancellationToken ct) =>
        {
            var denied = Authorize(http, tokens, options.Value, lessonId, out _);
            if (denied is not null) return denied;
            return await lessons.FindAsync(lessonId, ct) is { } roster ? Results.Ok(roster) : Problems.NotFound("Lesson", lessonId);
        });

        app.MapPost("/api/lessons/{lessonId}/tokens", async (string lessonId, LessonTokenRequest r, HttpContext http, LessonDirectory lessons,
            JoinTokenService tokens, AuditLog audit, CancellationToken ct) =>
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

            await audit.RecordAsync(AdminAccessFilter.Actor(http), "token.issue", $"{lessonId}:{r.Role}:{r.ClassroomId}", ct);
            return Results.Ok(issued);
        }).AddEndpointFilter<AdminAccessFilter>();

        app.MapPost("/api/lessons/{lessonId}/stage-tokens", async (string lessonId, StageTokenRequest r, HttpContext http, LessonDirectory lessons,
            JoinTokenService tokens, CancellationToken ct) =>
        {
            if (!BearerAuth.TryRead(http, tokens, out var claims, out var problem)) return problem!;
            if (claims!.Role != ClassroomRole.Teacher || claims.LessonId != lessonId || !claims.HasScope(JoinTokenScopes.Publish))
                return Problems.Forbidden("Only the lesson's teacher can bring a room on stage.");
            var lesson = await lessons.FindAsync(lessonId, ct);
            if (lesson is null) return Problems.NotFound("Lesson", lessonId);
            var room = lesson.Rooms.FirstOrDefault(x => x.ClassroomId == r.ClassroomId);
            if (room is null) return Problems.Validation("classroomId", $"Classroom {r.ClassroomId} is not paired with lesson {lessonId}.");
            var issued = tokens.ForStage(lesson.AllianceId, lesson.LessonId, room.SchoolId, room.ClassroomId, lesson.EndsAt);
            return Results.Created($"/api/lessons/{lessonId}/stage-tokens/{room.ClassroomId}", issued);
        });

        return app;
    }

    private static IResult? Authorize(HttpContext http, JoinTokenService tokens, SchedulerOptions options, string lessonId, out JoinTokenClaims? claims)
    {
        claims = null;
        if (http.Request.Headers.Authorization.Count == 0 && options.TrustLoopbackAdmin &&
            http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)) return null;
        if (!BearerAuth.TryRead(http, tokens, out claims, out var problem)) return problem;
        if (claims!.Role == ClassroomRole.Admin || claims.LessonId == lessonId) return null;
        return Problems.Forbidden("The token is for another lesson.");
    }
}
