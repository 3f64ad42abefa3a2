namespace Classroom.Contracts.Access;

/// <summary>What a resource belongs to. The county itself is (null, null).</summary>
public sealed record ResourceScope(long? AllianceId, long? SchoolId, long? ClassroomId = null, long? TeacherId = null)
{
    public static readonly ResourceScope County = new(null, null);

    /// <summary>
    /// Further scopes whose members may <see cref="Permission.Watch"/> the resource (and only
    /// that): a recording belongs to its lesson's alliance, lead school and teacher, and is also
    /// watched by the paired classes and their schools. Empty for every other resource.
    /// </summary>
    public IReadOnlyList<ResourceScope> Audience { get; init; } = [];
}

/// <summary>The kinds of resource an endpoint names in its route; each is resolved to a <see cref="ResourceScope"/>.</summary>
public enum ResourceKind
{
    /// <summary>No id: the whole county (create an alliance, list people).</summary>
    County,
    Alliance,
    School,
    Classroom,
    Teacher,
    Studio,
    BellSchedule,
    LeadLesson,
    Demand,
    Term,

    /// <summary>A lesson occurrence id such as "L12-20261123".</summary>
    Lesson,
    Device,
    Person,

    /// <summary>A lesson's recording (hub catalog): its lesson's scope plus the paired classes as <see cref="ResourceScope.Audience"/>.</summary>
    Recording,
}

/// <summary>What the caller wants to do with the resource.</summary>
public enum Permission
{
    /// <summary>Read data that names no minor (schools, timetables, pairings).</summary>
    Read,

    /// <summary>Change the resource.</summary>
    Manage,

    /// <summary>Change the alliance's structure: a school's existence, code and lead role (alliance admins and up, never the school's own admin).</summary>
    Administer,

    /// <summary>Read minors' data: rosters, attendance with names, exports. Always audited.</summary>
    ReadPersonal,

    /// <summary>Teach the lesson (studio, publish, stage).</summary>
    Teach,

    /// <summary>Read the audit log.</summary>
    ReadAudit,

    /// <summary>Watch a recording (replay): students of the paired classes, teachers, admins (docs/access.md "Recordings").</summary>
    Watch,

    /// <summary>Evaluate a lesson (评课): timestamped comments and a rubric score on its recording (docs/evaluation.md).</summary>
    Evaluate,
}

/// <summary>
/// Loads the scope of resources of the kinds it knows (the scheduler knows alliances, schools,
/// rooms, lessons; identity knows devices and people). Returns null when the resource does not
/// exist (answered 404).
/// </summary>
public interface IResourceScopeResolver
{
    IReadOnlyCollection<ResourceKind> Kinds { get; }

    ValueTask<ResourceScope?> ResolveAsync(ResourceKind kind, string id, CancellationToken cancellationToken);
}
