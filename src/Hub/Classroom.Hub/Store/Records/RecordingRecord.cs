namespace Classroom.Hub.Store.Records;

/// <summary>
/// One recording of a lesson occurrence in the catalog. The lesson's alliance, lead school and
/// teacher are copied from the scheduler's roster when the recording starts (with its paired rooms
/// in <see cref="RecordingRoomRecord"/>), so who may watch it does not follow later re-pairing.
/// A deleted recording keeps this row (state <see cref="RecordingStates.Deleted"/>, no files) so a
/// late call from the recorder cannot bring it back.
/// </summary>
public sealed class RecordingRecord
{
    public string Id { get; set; } = "";
    public string LessonId { get; set; } = "";

    /// <summary>False until the roster was found; then only district admins can reach the recording.</summary>
    public bool RosterKnown { get; set; }
    public long? AllianceId { get; set; }
    public long? LeadSchoolId { get; set; }
    public long? TeacherId { get; set; }
    public string Subject { get; set; } = "";
    public string TeacherName { get; set; } = "";
    public long? LessonStartsAtMs { get; set; }

    public string State { get; set; } = RecordingStates.Recording;
    public long StartedAtMs { get; set; }
    public long? EndedAtMs { get; set; }
    public long DurationMs { get; set; }

    /// <summary>JSON array of <see cref="Recordings.StoredRendition"/>.</summary>
    public string RenditionsJson { get; set; } = "[]";

    /// <summary>Poster image relative to the recording's folder (e.g. "poster.jpg").</summary>
    public string? Poster { get; set; }
    public int Discontinuities { get; set; }
    public bool Recovered { get; set; }
    public long UpdatedAtMs { get; set; }
    public long? DeletedAtMs { get; set; }
}

public static class RecordingStates
{
    public const string Recording = "recording";
    public const string Finished = "finished";
    public const string Deleted = "deleted";
}
