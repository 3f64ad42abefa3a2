namespace Classroom.Hub.Protocol;

// What the server sends: broadcasts after a record is stored, and the parts of LessonState.

public sealed record QuestionView(Guid Id, long ClassroomId, long SchoolId, string Text, long MediaTimeMs, long ReceivedAtMs,
    string Status, int Upvotes);

public sealed record CheckInView(Guid Id, long ClassroomId, long SchoolId, int Present, int Expected, long MediaTimeMs, long ReceivedAtMs);

public sealed record AbsenteeView(Guid Id, long ClassroomId, string StudentName, bool Absent, long MediaTimeMs);

public sealed record HandView(Guid Id, long ClassroomId, long SchoolId, string State, long ReceivedAtMs);

public sealed record QuizView(Guid Id, string Prompt, IReadOnlyList<string> Options, long MediaTimeMs, bool Open);

public sealed record QuizAnswerView(Guid Id, Guid QuizId, long ClassroomId, long SchoolId, IReadOnlyList<int> Counts, long ReceivedAtMs);

public sealed record QuizResultsView(Guid QuizId, IReadOnlyList<int> Totals, IReadOnlyList<QuizAnswerView> Rooms);

/// <summary>A room as the teacher sees it: connected or not and since when, headcount vs expected, drops.</summary>
public sealed record RoomView(long ClassroomId, string ClassroomName, long SchoolId, string SchoolName, bool Connected,
    long? SinceMs, int? Present, int Expected, int Drops, long ConnectedMs, IReadOnlyList<string> Absentees);

/// <summary>Who is on stage, and the waiting queue in the fair order (docs/hub.md "On-stage queue").</summary>
public sealed record StageView(IReadOnlyList<long> OnStage, IReadOnlyList<HandView> Queue);

/// <summary>A publish grant for a room brought on stage.</summary>
public sealed record StageGrantView(string LessonId, long ClassroomId, string PublishToken, DateTimeOffset ExpiresAt);

/// <summary>Presence change of one participant.</summary>
public sealed record PresenceView(string Subject, long? ClassroomId, bool Connected, long AtMs, int Drops);

/// <summary>
/// The whole state a client re-reads after (re)connecting; rooms see only their own attendance.
/// <see cref="MediaStartedAtMs"/> is when the lesson's recording began (the studio's first media,
/// server clock), null before: the zero of every page's media time, so that a question's media
/// time is its place in the replay (docs/hub.md "Media time").
/// </summary>
public sealed record LessonStateView(
    string LessonId,
    string Role,
    long? ClassroomId,
    long ServerTimeMs,
    IReadOnlyList<RoomView> Rooms,
    IReadOnlyList<QuestionView> Questions,
    StageView Stage,
    IReadOnlyList<QuizView> Quizzes,
    IReadOnlyList<QuizResultsView> QuizResults,
    IReadOnlyList<Guid> MyVotes,
    long? MediaStartedAtMs = null);
