namespace Classroom.Scheduler.Domain;

/// <summary>A "1+X" alliance: one lead school and its member schools.</summary>
public sealed class Alliance
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA zone the alliance's bell schedules are written in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Pairing settings of this alliance; null uses the server's default (docs/scheduler.md "Alliance settings").</summary>
    public double? MinOverlapShare { get; set; }

    public int? RelayCapacityPerLesson { get; set; }

    public double? UplinkSharePerStream { get; set; }

    /// <summary>Days recordings are kept; null uses the server's default (365).</summary>
    public int? RecordingRetentionDays { get; set; }

    /// <summary>Whose lead lessons this alliance's member rooms may take; set by a district admin.</summary>
    public LessonSource LessonSource { get; set; } = LessonSource.Own;

    /// <summary>With <see cref="LessonSource.Listed"/>: the other alliances' ids, comma-separated.</summary>
    public string LessonSourceAlliances { get; set; } = "";

    public List<School> Schools { get; set; } = [];
    public List<Term> Terms { get; set; } = [];
    public List<LeadLesson> LeadLessons { get; set; } = [];
}
