using System.Globalization;

namespace Classroom.Hub.Broadcast;

/// <summary>
/// SignalR group names. Everyone in a lesson is in <see cref="Lesson"/>; the teacher and admin
/// observers are also in <see cref="Staff"/> (attendance, absentee names, quiz answers go only
/// there); each room is alone in its <see cref="Room"/> group (its stage grant, its own records).
/// </summary>
public static class LessonGroups
{
    public static string Lesson(string lessonId) => "lesson:" + lessonId;

    public static string Staff(string lessonId) => "lesson:" + lessonId + ":staff";

    public static string Room(string lessonId, long classroomId) =>
        "lesson:" + lessonId + ":room:" + classroomId.ToString(CultureInfo.InvariantCulture);
}
