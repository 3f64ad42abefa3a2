namespace Classroom.Hub.Reports;

/// <summary>One room in one lesson: the unit of every attendance report (rooms × lessons).</summary>
public sealed record AttendanceRow(
    string LessonId,
    string Subject,
    DateTimeOffset StartsAt,
    long SchoolId,
    string SchoolName,
    long ClassroomId,
    string ClassroomName,
    int Expected,
    int? Present,
    DateTimeOffset? FirstJoinedAt,
    double MinutesConnected,
    int Drops,
    IReadOnlyList<string> Absentees,
    IReadOnlyList<MakeUpViewing>? MakeUp = null);

/// <summary>A student marked absent who watched the lesson's replay: minutes watched (docs/replay.md "Make-up viewing").</summary>
public sealed record MakeUpViewing(string StudentName, double Minutes);

/// <summary>One school in one ISO week: lessons, rooms that joined, headcount rate (present / expected of checked-in rooms).</summary>
public sealed record HeatmapCell(long SchoolId, string SchoolName, string Week, int RoomLessons, int RoomsJoined, int Present, int Expected, double MinutesConnected);
