namespace Classroom.Contracts.Lessons;

/// <summary>
/// One lesson occurrence as the scheduler paired it: served at
/// <c>GET /api/lessons/{lessonId}</c> so the hub and the pages know who belongs to the lesson.
/// </summary>
public sealed record LessonRosterDto(
    string LessonId,
    long AllianceId,
    long LeadLessonId,
    string Subject,
    int Grade,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    long TeacherId,
    string TeacherName,
    long LeadSchoolId,
    long StudioId,
    string StudioName,
    IReadOnlyList<LessonRoomDto> Rooms);

/// <summary>A member classroom paired with the lesson; <see cref="ExpectedHeadcount"/> comes from its roster.</summary>
public sealed record LessonRoomDto(
    long ClassroomId,
    string ClassroomName,
    long SchoolId,
    string SchoolName,
    int ExpectedHeadcount);
