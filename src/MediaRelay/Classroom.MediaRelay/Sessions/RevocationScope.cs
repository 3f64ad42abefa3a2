using Classroom.Contracts.Access;

namespace Classroom.MediaRelay.Sessions;

/// <summary>Which live sessions a <see cref="Revocation"/> ends: the ones its token opened, or its subject's (within its lesson when it names one).</summary>
internal static class RevocationScope
{
    public static bool Covers(Revocation revocation, RelaySession session)
    {
        if (revocation.TokenId is not null && string.Equals(revocation.TokenId, session.TokenId, StringComparison.Ordinal)) return true;
        return revocation.Subject is not null && string.Equals(revocation.Subject, session.Subject, StringComparison.Ordinal) &&
               (revocation.LessonId is null || string.Equals(revocation.LessonId, session.LessonId, StringComparison.Ordinal));
    }
}
