namespace Classroom.Contracts.Recordings;

/// <summary>
/// One playable stream of a recording: an HLS media playlist (fMP4 segments) relative to the
/// recording's folder. Names: "camera" (studio camera + the lesson's audio), "courseware"
/// (the studio's second video), "stage" (rooms on stage where consent allows), "low" (a
/// low-bitrate copy of "camera" made after the lesson).
/// </summary>
public sealed record RecordingRendition(string Name, string Playlist, string? Codecs, int? Width, int? Height, long? Bandwidth);

/// <summary>A recording began: the recorder made its folder under the recordings root.</summary>
public sealed record RecordingStarted(string RecordingId, string LessonId, DateTimeOffset StartedAt, string Folder);

/// <summary>
/// A recording is closed and playable as VOD (<c>#EXT-X-ENDLIST</c>), after "end lesson", after
/// the studio stayed away too long, or on the next start after a crash (<see cref="Recovered"/>).
/// <see cref="Discontinuities"/> counts ffmpeg restarts and studio returns inside it.
/// </summary>
public sealed record RecordingFinished(
    string RecordingId,
    string LessonId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    TimeSpan Duration,
    IReadOnlyList<RecordingRendition> Renditions,
    string? Poster,
    int Discontinuities,
    bool Recovered);

/// <summary>
/// A rendition was added or changed state after the lesson (the low-bitrate copy: "pending",
/// "encoding", "ready", "failed" with <see cref="Error"/>). <see cref="Description"/>, when given,
/// describes it (playlist, and once ready its codecs, size and bandwidth).
/// </summary>
public sealed record RecordingRenditionState(string RecordingId, string Rendition, string State, string? Error)
{
    public RecordingRendition? Description { get; init; }
}

/// <summary>
/// What the recorder tells the catalog (the hub role implements it; without one, recordings are
/// still written and finalized). Calls are idempotent: a finish for an unknown id creates it.
/// </summary>
public interface IRecordingCatalog
{
    Task RecordingStartedAsync(RecordingStarted started, CancellationToken cancellationToken);

    Task RecordingFinishedAsync(RecordingFinished finished, CancellationToken cancellationToken);

    Task RenditionStateAsync(RecordingRenditionState state, CancellationToken cancellationToken);
}

/// <summary>Whether and what to record of a lesson, asked by the recorder when the studio starts.</summary>
public sealed record RecordingDecision(bool Record, IReadOnlySet<long> StageConsentClassrooms)
{
    /// <summary>Without a policy: record, but no room on stage (consent not known).</summary>
    public static readonly RecordingDecision Default = new(true, new HashSet<long>());
}

/// <summary>
/// The scheduler's answer to "record this lesson?" (a school may turn recording off per lesson)
/// and "which rooms may be recorded on stage?" (the school's consent setting).
/// </summary>
public interface IRecordingPolicy
{
    Task<RecordingDecision> DecideAsync(string lessonId, CancellationToken cancellationToken);

    /// <summary>How many days an alliance keeps its recordings (null: the alliance is unknown; the catalog keeps its default).</summary>
    Task<int?> RetentionDaysAsync(long allianceId, CancellationToken cancellationToken);
}
