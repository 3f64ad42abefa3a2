namespace Classroom.Hub.Store.Records;

/// <summary>
/// One evaluator's score sheet of one recorded lesson (评课, docs/evaluation.md): a 1–5 score per
/// rubric criterion ("" where not scored yet) and a summary. One row per evaluator and recording.
/// </summary>
public sealed class EvaluationSheetRecord
{
    public string RecordingId { get; set; } = "";
    public string Evaluator { get; set; } = "";
    public string EvaluatorName { get; set; } = "";
    public string LessonId { get; set; } = "";

    /// <summary>Scores in rubric order, comma-separated digits 1–5 or empty ("4,5,,3,4").</summary>
    public string Scores { get; set; } = "";
    public string Summary { get; set; } = "";
    public long UpdatedAtMs { get; set; }
}

/// <summary>A timestamped comment an evaluator left at a media time of a recorded (or live, being recorded) lesson.</summary>
public sealed class EvaluationCommentRecord
{
    public Guid Id { get; set; }
    public string RecordingId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public string Evaluator { get; set; } = "";
    public string EvaluatorName { get; set; } = "";
    public long MediaTimeMs { get; set; }
    public string Text { get; set; } = "";
    public long CreatedAtMs { get; set; }
}
