namespace Classroom.Scheduler.Domain;

/// <summary>
/// The county (区县) the deployment serves: it holds every alliance. Its pairing settings are the
/// defaults alliances inherit; its terms (Term with no alliance) are the calendar alliances
/// inherit. One row (id 1), made on first use (docs/scheduler.md "District").
/// </summary>
public sealed class District
{
    public const long TheId = 1;

    public long Id { get; set; } = TheId;
    public string Name { get; set; } = "";
    public double? MinOverlapShare { get; set; }
    public int? RelayCapacityPerLesson { get; set; }
    public double? UplinkSharePerStream { get; set; }
}

/// <summary>Whose lead lessons a member room of an alliance may take (the district admin decides).</summary>
public enum LessonSource
{
    /// <summary>Its own alliance's only (the default).</summary>
    Own,

    /// <summary>Its own and the listed alliances' (建立跨学区联盟).</summary>
    Listed,

    /// <summary>Any alliance of the county.</summary>
    County,
}
