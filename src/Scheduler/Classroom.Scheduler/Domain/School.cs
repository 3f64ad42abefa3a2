namespace Classroom.Scheduler.Domain;

public sealed class School
{
    public long Id { get; set; }
    public long AllianceId { get; set; }
    public required string Name { get; set; }

    /// <summary>Short code used in imports and exports (unique within the alliance).</summary>
    public required string Code { get; set; }

    /// <summary>The lead school teaches; member schools join.</summary>
    public bool IsLead { get; set; }

    /// <summary>Network link in Mbit/s: concurrent incoming lesson streams must fit.</summary>
    public double LinkMbps { get; set; }

    /// <summary>The school consents to its rooms being recorded while on stage (off until an admin turns it on).</summary>
    public bool StageRecordingConsent { get; set; }

    public List<ClassroomRoom> Classrooms { get; set; } = [];
    public List<Studio> Studios { get; set; } = [];
    public List<Teacher> Teachers { get; set; } = [];
    public List<BellSchedule> BellSchedules { get; set; } = [];
}
