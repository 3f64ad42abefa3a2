namespace Classroom.Hub.Recordings;

/// <summary>A recording in a list.</summary>
public sealed record RecordingSummary(string Id, string LessonId, string Subject, string TeacherName, string State,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long DurationMs, IReadOnlyList<RecordingRoomView> Rooms);

public sealed record RecordingRoomView(long ClassroomId, string ClassroomName, long SchoolId, string SchoolName);

public sealed record RenditionView(string Name, string? Codecs, int? Width, int? Height, long? Bandwidth, string State, string? Error);

/// <summary>A lesson question at its media time: a chapter of the replay.</summary>
public sealed record ChapterView(Guid QuestionId, long MediaTimeMs, string Text, string Status);

public sealed record ProgressView(long PositionMs, long WatchedMs, DateTimeOffset UpdatedAt);

public sealed record ReplayQuestionView(Guid Id, string RecordingId, string LessonId, long ClassroomId, long MediaTimeMs, string Text,
    DateTimeOffset AskedAt, string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>GET /api/recordings/{id}: what the replay page shows (the poster URL is signed like the media).</summary>
public sealed record RecordingDetail(string Id, string LessonId, string Subject, string TeacherName, string State,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long DurationMs, int Discontinuities, bool Recovered,
    IReadOnlyList<RenditionView> Renditions, string? PosterUrl, IReadOnlyList<RecordingRoomView> Rooms,
    IReadOnlyList<ChapterView> Chapters, ProgressView? Progress, IReadOnlyList<ReplayQuestionView> ReplayQuestions);

/// <summary>POST /api/recordings/{id}/play and /api/lessons/{lessonId}/live-hls.</summary>
public sealed record PlayGrant(string RecordingId, string State, string Url, IReadOnlyDictionary<string, string> Renditions, string? PosterUrl, DateTimeOffset ExpiresAt);

public sealed record PlayRequest(string? Rendition);

public sealed record ProgressRequest(long? PositionMs, long? WatchedMs);

public sealed record ReplayQuestionRequest(Guid? Id, string? Text, long? MediaTimeMs);

public sealed record AnswerRequest(string? Text);
