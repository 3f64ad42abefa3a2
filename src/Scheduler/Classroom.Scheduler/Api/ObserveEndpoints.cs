using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Solving;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Observing a lesson live (观摩, docs/observe.md): a signed-in person who reads the lesson's whole
/// alliance — district admin, alliance admin, researcher (教研员) — gets a receive-only relay token:
/// play only (no publish, no camera, no hub), so the observer never appears in the lesson's
/// presence and is no room in the relay's per-lesson room count. The answer carries the lesson as
/// the scheduler paired it, so the page can name the room wall's tiles. Audited as
/// <c>lesson.observe</c>: the room wall shows pupils' faces.
/// </summary>
public static class ObserveEndpoints
{
    public static IEndpointRouteBuilder MapObserve(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/lessons/{lessonId}/observe", async (string lessonId, HttpContext http, LessonDirectory lessons, JoinTokenService tokens,
            IAuditTrail audit, CancellationToken ct) =>
        {
            var lesson = await lessons.FindAsync(lessonId, ct);
            if (lesson is null)
                return Problem(http, StatusCodes.Status404NotFound, "not_found", $"课次 {lessonId} 不存在。", $"Lesson {lessonId} does not exist.");
            var observation = Observe(http.User, lesson, tokens);
            await audit.RecordAsync("lesson.observe", lessonId, observation is null ? AuditOutcome.Refused : AuditOutcome.Succeeded, ct);
            return observation is null
                ? Problem(http, StatusCodes.Status403Forbidden, "forbidden",
                    "只有本联盟的管理员、教研员和区县管理员可以观摩这节课。",
                    "Only the alliance's admins, its researchers and district admins may observe this lesson.")
                : Results.Ok(observation);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Lesson, "lessonId"))
            .WithMetadata(new NoRequestBody("the lesson is in the route; the caller's grants decide"))
            .Produces<LessonObservation>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The observer token for a person with <see cref="Permission.Read"/> on the lesson's alliance
    /// as a whole (not only its lead school or its teacher: the wall shows the other schools' rooms);
    /// never a device or a student. Null when the caller may not observe.
    /// </summary>
    public static LessonObservation? Observe(System.Security.Claims.ClaimsPrincipal user, LessonRosterDto lesson, JoinTokenService tokens)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        ArgumentNullException.ThrowIfNull(tokens);
        var subject = AccessClaims.SubjectOf(user);
        if (subject is null || !subject.StartsWith("person:", StringComparison.Ordinal)) return null;
        var grants = AccessClaims.GrantsOf(user).Where(g => g.Role is not (AccountRole.Device or AccountRole.Student)).ToList();
        if (!AccessPolicy.Allows(grants, Permission.Read, new ResourceScope(lesson.AllianceId, null))) return null;
        var issued = tokens.ForWatcher(lesson.AllianceId, lesson.LessonId, subject, lesson.EndsAt);
        return new LessonObservation(issued.Token, issued.ExpiresAt, lesson);
    }

    /// <summary>An RFC 9457 problem in the caller's language (zh-CN unless English is asked) with a stable <c>code</c>.</summary>
    private static IResult Problem(HttpContext http, int status, string code, string zh, string en)
    {
        var text = CallerLanguage.Pick(http.Request, zh, en);
        return Results.Problem(statusCode: status, title: text, detail: text, extensions: new Dictionary<string, object?> { ["code"] = code });
    }
}

/// <summary>The receive-only relay token of an observer and the lesson it opens (rooms named for the wall).</summary>
public sealed record LessonObservation(string Token, DateTimeOffset ExpiresAt, LessonRosterDto Lesson);
