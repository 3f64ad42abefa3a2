namespace Classroom.Contracts.Tokens;

/// <summary>Who a join token speaks for. The wire form is the lower-case name.</summary>
public enum ClassroomRole
{
    /// <summary>Lead teacher (主讲教师) in the recording studio.</summary>
    Teacher,

    /// <summary>A member classroom's projector PC, run by its facilitator (辅教).</summary>
    Classroom,

    /// <summary>A student replaying lessons of their class.</summary>
    Student,

    /// <summary>Alliance admin (教务).</summary>
    Admin,
}

public static class ClassroomRoleNames
{
    public static string ToWire(this ClassroomRole role) => role switch
    {
        ClassroomRole.Teacher => "teacher",
        ClassroomRole.Classroom => "classroom",
        ClassroomRole.Student => "student",
        ClassroomRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? value, out ClassroomRole role)
    {
        switch (value)
        {
            case "teacher": role = ClassroomRole.Teacher; return true;
            case "classroom": role = ClassroomRole.Classroom; return true;
            case "student": role = ClassroomRole.Student; return true;
            case "admin": role = ClassroomRole.Admin; return true;
            default: role = default; return false;
        }
    }
}
