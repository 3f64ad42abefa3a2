namespace Classroom.Hub.Protocol;

// Records a client creates. Each carries its own id (GUID/ULID-as-GUID, made by the client and
// kept in its outbox until acknowledged), the lesson and room it is about, and the lesson's media
// time (ms since the lesson's media started) so a replay can place it. The server checks every
// field against the caller's token before storing anything.

/// <summary>Room headcount check-in (present out of the roster's expected).</summary>
public sealed record CheckInInput(Guid Id, string LessonId, long ClassroomId, int Present, long MediaTimeMs);

/// <summary>Mark a student absent (Absent=false takes the mark back).</summary>
public sealed record AbsenteeInput(Guid Id, string LessonId, long ClassroomId, string StudentName, bool Absent, long MediaTimeMs);

/// <summary>A room's question.</summary>
public sealed record QuestionInput(Guid Id, string LessonId, long ClassroomId, string Text, long MediaTimeMs);

/// <summary>A room's upvote of a question.</summary>
public sealed record UpvoteInput(Guid Id, string LessonId, long ClassroomId, Guid QuestionId);

/// <summary>A room asks to come on stage.</summary>
public sealed record HandInput(Guid Id, string LessonId, long ClassroomId, long MediaTimeMs);

/// <summary>A room's answer to a quiz: counts per option, or per-student clicker answers (the server counts them).</summary>
public sealed record QuizAnswerInput(
    Guid Id,
    string LessonId,
    long ClassroomId,
    Guid QuizId,
    IReadOnlyList<int>? Counts,
    IReadOnlyList<StudentAnswer>? StudentAnswers,
    long MediaTimeMs);

/// <summary>One clicker's answer: a device/student key local to the room and the option index.</summary>
public sealed record StudentAnswer(string StudentKey, int Option);

/// <summary>A quiz the teacher pushes.</summary>
public sealed record QuizInput(Guid Id, string LessonId, string Prompt, IReadOnlyList<string> Options, long MediaTimeMs);

/// <summary>Teacher: mark a question answered, dismissed or open again.</summary>
public sealed record QuestionStatusInput(string LessonId, Guid QuestionId, string Status);

/// <summary>Teacher: bring a room on stage or take it off.</summary>
public sealed record StageInput(string LessonId, long ClassroomId);

/// <summary>Teacher: close a quiz.</summary>
public sealed record QuizCloseInput(string LessonId, Guid QuizId);

/// <summary>Room: lower its own raised hand.</summary>
public sealed record LowerHandInput(string LessonId, long ClassroomId, Guid HandId);
