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
                return permission is Permission.Read or Permission.Manage or Permission.Administer or Permission.ReadPersonal &&
                       scope.AllianceId is { } a && a == g.AllianceId;
            case AccountRole.SchoolAdmin:
                // Its own school and what lies inside it (rooms, rosters, teachers, devices) — never alliance-wide views.
                return permission is Permission.Read or Permission.Manage or Permission.ReadPersonal &&
                       scope.SchoolId is { } s && s == g.SchoolId && (scope.AllianceId is null || scope.AllianceId == g.AllianceId);
            case AccountRole.Teacher:
                // Teaches (and reads) the lessons that name them as teacher.
                return permission is Permission.Teach or Permission.Read && scope.TeacherId is { } t && t == g.TeacherId;
            case AccountRole.Auditor:
                return permission == Permission.ReadAudit && (g.AllianceId is null || scope.AllianceId == g.AllianceId);
            case AccountRole.Student:
            case AccountRole.Device:
            default:
                // Students and devices reach only their own data through self-service endpoints.
                return false;
        }
    }
}
