namespace Classroom.Contracts.Access;

/// <summary>
/// The one comparison of a caller's grants with a resource's scope (docs/access.md has the table).
/// Pure: the authorization layer resolves the scope, then asks here.
/// </summary>
public static class AccessPolicy
{
    public static bool Allows(IReadOnlyList<Grant> grants, Permission permission, ResourceScope scope)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(scope);
        foreach (var g in grants)
            if (Allows(g, permission, scope)) return true;
        // A recording's audience (the paired classes and their schools) may watch it, nothing more.
        if (permission == Permission.Watch)
        {
            foreach (var member in scope.Audience)
                foreach (var g in grants)
                    if (Allows(g, Permission.Watch, member)) return true;
        }

        return false;
    }

    public static bool Allows(Grant g, Permission permission, ResourceScope scope)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(scope);
        switch (g.Role)
        {
            case AccountRole.DistrictAdmin:
                return true;
            case AccountRole.AllianceAdmin:
                // Everything inside its alliance; nothing at county level (creating alliances, people across the county).
                return permission is Permission.Read or Permission.Manage or Permission.Administer or Permission.ReadPersonal or Permission.Watch or Permission.Evaluate &&
                       scope.AllianceId is { } a && a == g.AllianceId;
            case AccountRole.SchoolAdmin:
                // Its own school and what lies inside it (rooms, rosters, teachers, devices) — never alliance-wide views.
                return permission is Permission.Read or Permission.Manage or Permission.ReadPersonal or Permission.Watch &&
                       scope.SchoolId is { } s && s == g.SchoolId && (scope.AllianceId is null || scope.AllianceId == g.AllianceId);
            case AccountRole.Teacher:
                // Teaches (and reads) the lessons that name them as teacher.
                // Watches the recordings of their lessons, and those of the schools they teach in.
                return (permission is Permission.Teach or Permission.Read or Permission.Watch && scope.TeacherId is { } t && t == g.TeacherId) ||
                       (permission == Permission.Watch && scope.SchoolId is { } ts && ts == g.SchoolId && (scope.AllianceId is null || scope.AllianceId == g.AllianceId));
            case AccountRole.Auditor:
                return permission == Permission.ReadAudit && (g.AllianceId is null || scope.AllianceId == g.AllianceId);
            case AccountRole.Researcher:
                // Observes and evaluates the lessons of its county or alliance: reads them (no minors' data), watches their recordings.
                return permission is Permission.Read or Permission.Watch or Permission.Evaluate && (g.AllianceId is null || scope.AllianceId == g.AllianceId);
            case AccountRole.Student:
                // Watches the recordings of lessons their class was paired with; everything else is self-service.
                return permission == Permission.Watch && scope.ClassroomId is { } c && c == g.ClassroomId;
            case AccountRole.Device:
            default:
                // Devices reach only their own room's lesson through self-service endpoints (and the lesson's join token).
                return false;
        }
    }
}
