using System.Security.Cryptography;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Stage;

namespace Classroom.Hub.Tests.Support;

/// <summary>Stands in for the scheduler's stage-token endpoint: checks the teacher token and signs a 10-minute publish token for the room.</summary>
public sealed class TestStageTokenIssuer(ECDsa key, TimeProvider time) : IStageTokenIssuer
{
    public Task<StageToken> IssueAsync(string lessonId, long classroomId, string teacherToken, CancellationToken cancellationToken)
    {
        if (!JoinTokenCodec.TryValidate(teacherToken, key, time.GetUtcNow(), out var teacher, out _) || teacher!.Role != ClassroomRole.Teacher || teacher.LessonId != lessonId)
            throw new HttpRequestException("403 from the scheduler");
        var now = time.GetUtcNow();
        var claims = new JoinTokenClaims("room:" + classroomId, ClassroomRole.Classroom, teacher.AllianceId, lessonId, null, classroomId, null,
            [JoinTokenScopes.Publish], now, now.AddMinutes(10), Guid.NewGuid().ToString("N"));
        return Task.FromResult(new StageToken(JoinTokenCodec.Sign(claims, key), claims.ExpiresAt));
    }
}
