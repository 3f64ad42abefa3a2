using Classroom.Contracts.Tokens;

namespace Classroom.LoadTool.Relay;

/// <summary>
/// Mints join tokens for local benchmarking with the signing key of a server's data folder
/// (&lt;data&gt;/keys), as the scheduler would: a classroom play token and a teacher publish token
/// for one lesson, valid for an hour.
/// </summary>
public static class TokenMinter
{
    public static (string Play, string Publish) Mint(string dataFolder, string lessonId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = JoinTokenKeys.LoadOrCreatePrivate(dataFolder);
        var now = time.GetUtcNow();
        var play = new JoinTokenClaims("classroom:load", ClassroomRole.Classroom, 1, lessonId, 1, 1, null,
            [JoinTokenScopes.Play], now.AddMinutes(-1), now.AddHours(1), Guid.NewGuid().ToString("N"));
        var publish = new JoinTokenClaims("teacher:load", ClassroomRole.Teacher, 1, lessonId, 1, null, 1,
            [JoinTokenScopes.Play, JoinTokenScopes.Publish], now.AddMinutes(-1), now.AddHours(1), Guid.NewGuid().ToString("N"));
        return (JoinTokenCodec.Sign(play, key), JoinTokenCodec.Sign(publish, key));
    }
}
