namespace Classroom.Contracts.Access;

/// <summary>
/// What a signed-in person (or an enrolled device) is, always bound to a scope by a <see cref="Grant"/>.
/// The wire form is the kebab-case name (<see cref="AccountRoleNames"/>).
/// </summary>
public enum AccountRole
{
    /// <summary>教育局: every alliance of the county.</summary>
    DistrictAdmin,

    /// <summary>联盟教务: one alliance.</summary>
    AllianceAdmin,

    /// <summary>学校教务 / IT: one school.</summary>
    SchoolAdmin,

    /// <summary>A teacher of one school (the lessons they teach).</summary>
    Teacher,

    /// <summary>Reads the audit log of its scope (county or one alliance).</summary>
    Auditor,

    /// <summary>A student bound to one class (classroom).</summary>
    Student,

    /// <summary>教研员: teaching-research staff of the county or one alliance, who observe lessons and evaluate them (评课).</summary>
    Researcher,

    /// <summary>An enrolled classroom projector PC or studio encoder.</summary>
    Device,
}

public static class AccountRoleNames
{
    private static readonly (AccountRole Role, string Wire)[] Names =
    [
        (AccountRole.DistrictAdmin, "district-admin"),
        (AccountRole.AllianceAdmin, "alliance-admin"),
        (AccountRole.SchoolAdmin, "school-admin"),
        (AccountRole.Teacher, "teacher"),
        (AccountRole.Auditor, "auditor"),
        (AccountRole.Student, "student"),
        (AccountRole.Device, "device"),
        (AccountRole.Researcher, "researcher"),
    ];

    public static string ToWire(this AccountRole role)
    {
        foreach (var (r, w) in Names) if (r == role) return w;
        throw new ArgumentOutOfRangeException(nameof(role));
    }

    public static bool TryParse(string? value, out AccountRole role)
    {
        foreach (var (r, w) in Names)
        {
            if (string.Equals(w, value, StringComparison.Ordinal)) { role = r; return true; }
        }

        role = default;
        return false;
    }
}
