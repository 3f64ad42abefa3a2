namespace Classroom.Hub.Recordings;

/// <summary>
/// A recording in a list. <see cref="Views"/>: people who opened its replay; <see cref="ExpiresAt"/>:
/// when the retention job deletes it (its alliance's retention counted from its end, as
/// <see cref="RecordingRetentionJob"/> does); <see cref="CanDelete"/>: the caller may delete it
/// (docs/admin-reports.md "Recordings").
/// </summary>
public sealed record RecordingSummary(string Id, string LessonId, string Subject, string TeacherName, string State,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long DurationMs, IReadOnlyList<RecordingRoomView> Rooms,
    long? AllianceId = null, int Views = 0, DateTimeOffset? ExpiresAt = null, bool CanDelete = false);

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

/// <summary>One criterion of the evaluation rubric, labelled in the caller's language.</summary>
public sealed record RubricCriterionView(string Key, string Label);

/// <summary>One evaluator's score sheet: scores in rubric order (null where not scored).</summary>
public sealed record EvaluationSheetView(string EvaluatorName, IReadOnlyList<int?> Scores, string Summary, DateTimeOffset UpdatedAt, bool Mine);

public sealed record EvaluationCommentView(Guid Id, long MediaTimeMs, string Text, string EvaluatorName, DateTimeOffset CreatedAt, bool Mine);

/// <summary>GET /api/recordings/{id}/evaluations: the rubric, every sheet with the mean per criterion, the comments in media order.</summary>
public sealed record EvaluationsView(string RecordingId, IReadOnlyList<RubricCriterionView> Rubric, IReadOnlyList<double?> Averages,
    IReadOnlyList<EvaluationSheetView> Sheets, IReadOnlyList<EvaluationCommentView> Comments, bool CanEvaluate);

public sealed record EvaluationSheetRequest(IReadOnlyList<int?>? Scores, string? Summary);

public sealed record EvaluationCommentRequest(Guid? Id, long? MediaTimeMs, string? Text);
