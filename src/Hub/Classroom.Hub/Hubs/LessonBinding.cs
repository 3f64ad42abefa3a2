using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Auth;

namespace Classroom.Hub.Hubs;

/// <summary>What a connection was admitted as: the caller's token, the lesson's roster and (for a room) its roster entry.</summary>
public sealed record LessonBinding(HubCaller Caller, LessonRosterDto Roster, LessonRoomDto? Room)
{
    public const string ItemKey = "classroom.binding";

    public string LessonId => Roster.LessonId;

    public JoinTokenClaims Token => Caller.Token;

    public bool IsStaff => Token.Role is ClassroomRole.Teacher or ClassroomRole.Admin;
}
