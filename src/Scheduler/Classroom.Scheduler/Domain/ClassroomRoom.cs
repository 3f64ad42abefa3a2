namespace Classroom.Scheduler.Domain;

/// <summary>A member-school classroom (班级教室) with its projector PC.</summary>
public sealed class ClassroomRoom
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public School? School { get; set; }

    /// <summary>Grade 1–12 (小学 1–6, 初中 7–9, 高中 10–12).</summary>
    public int Grade { get; set; }

    /// <summary>
    /// A mixed-grade room (复式班) of a teaching point: every grade it holds, comma-separated and
    /// ascending (<see cref="Grade"/> is the lowest); null for a one-grade room.
    /// </summary>
    public string? MixedGrades { get; set; }

    /// <summary>The grades the room holds (one, or several for a mixed-grade room).</summary>
    public IReadOnlyList<int> Grades => RoomGrades.Parse(MixedGrades) ?? [Grade];

    /// <summary>Class name as the school writes it, e.g. "四年级2班".</summary>
    public required string ClassName { get; set; }

    public int Seats { get; set; }

    /// <summary>
    /// SHA-256 of the key in the room's old kiosk link /k/{key} (<see cref="Tokens.SecretKeys"/>). The link
    /// grants nothing since devices enrol by pairing code; resetting the key still gives a fresh link.
    /// </summary>
    public required string KioskKeyHash { get; set; }

    /// <summary>SHA-256 of the key in the room's calendar feed URL: its own key, reset on its own.</summary>
    public required string FeedKeyHash { get; set; }

    public List<RosterEntry> Roster { get; set; } = [];
    public List<MemberDemand> Demands { get; set; } = [];
}
