using System.Collections.Concurrent;
using Classroom.Contracts.Access;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Auth;

namespace Classroom.Hub.Stage;

/// <summary>
/// The stage tokens this hub node handed each room (their ids and expiry), so taking a room off
/// stage revokes exactly those: the relay closes the room's publish session and refuses the token.
/// </summary>
public sealed class StageTokenLedger(JoinTokenKeyProvider keys, Revocations revocations, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Lesson, long Room), List<(string Id, DateTimeOffset Until)>> _issued = new();

    public void Remember(string lessonId, long classroomId, string token)
    {
        if (keys.TryGet() is not { } key || !JoinTokenCodec.TryValidate(token, key, time.GetUtcNow(), out var claims, out _)) return;
        var list = _issued.GetOrAdd((lessonId, classroomId), _ => []);
        lock (list) list.Add((claims!.TokenId, claims.ExpiresAt + JoinTokenConstants.ClockSkew));
    }

    /// <summary>Revokes every stage token the room got in this lesson; returns how many.</summary>
    public int RevokeAll(string lessonId, long classroomId)
    {
        if (!_issued.TryRemove((lessonId, classroomId), out var list)) return 0;
        List<(string Id, DateTimeOffset Until)> tokens;
        lock (list) tokens = [.. list];
        foreach (var (id, until) in tokens) revocations.Publish(new Revocation(null, id, lessonId, until, "taken off stage"));
        return tokens.Count;
    }
}
