using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;

namespace Classroom.Hub.Hubs;

/// <summary>
/// Who may join a lesson's group: the lesson's own teacher, a paired room of the right school, a
/// student of a paired school, or an admin of the alliance (observer). Returns the refusal reason,
/// or null when admitted.
/// </summary>
public static class LessonAdmission
{
    public static string? Check(JoinTokenClaims token, LessonRosterDto roster, out LessonRoomDto? room)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(roster);
        room = null;
        if (!token.HasScope(JoinTokenScopes.Hub)) return "token lacks the hub scope";
        if (token.AllianceId != roster.AllianceId) return "lesson belongs to another alliance";
        if (token.Role != ClassroomRole.Admin && !string.Equals(token.LessonId, roster.LessonId, StringComparison.Ordinal))
            return "token is for another lesson";
        switch (token.Role)
        {
            case ClassroomRole.Teacher:
                return token.TeacherId == roster.TeacherId && (token.SchoolId is null || token.SchoolId == roster.LeadSchoolId)
                    ? null : "not this lesson's teacher";
            case ClassroomRole.Classroom:
                room = roster.Rooms.FirstOrDefault(r => r.ClassroomId == token.ClassroomId);
                if (room is null) return "room is not paired with this lesson";
                return room.SchoolId == token.SchoolId ? null : "room belongs to another school";
            case ClassroomRole.Student:
                return roster.Rooms.Any(r => r.SchoolId == token.SchoolId && (token.ClassroomId is null || r.ClassroomId == token.ClassroomId))
                    ? null : "student's class is not in this lesson";
            case ClassroomRole.Admin:
                return token.HasScope(JoinTokenScopes.Admin) ? null : "token lacks the admin scope";
            default:
                return "unknown role";
        }
    }
}
