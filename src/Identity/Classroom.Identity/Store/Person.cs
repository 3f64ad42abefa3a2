using Microsoft.AspNetCore.Identity;

namespace Classroom.Identity.Store;

/// <summary>A person who signs in: admin, teacher, auditor or student. Passwords, lockout and TOTP are ASP.NET Core Identity's.</summary>
public sealed class Person : IdentityUser<long>
{
    /// <summary>Name shown on pages and in the audit log (for students: only in their school's scope).</summary>
    public string DisplayName { get; set; } = string.Empty;

    public long CreatedUtcTicks { get; set; }

    /// <summary>Set by an admin's password reset: the next sign-in must choose a new password.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled account cannot sign in and its tokens stop working (kept for the audit trail).</summary>
    public bool Disabled { get; set; }

    public List<PersonGrant> Grants { get; set; } = [];
}

/// <summary>One <see cref="Classroom.Contracts.Access.Grant"/> a person holds.</summary>
public sealed class PersonGrant
{
    public long Id { get; set; }
    public long PersonId { get; set; }

    /// <summary>Wire name of the role (<see cref="Classroom.Contracts.Access.AccountRoleNames"/>).</summary>
    public required string Role { get; set; }

    public long? AllianceId { get; set; }
    public long? SchoolId { get; set; }
    public long? ClassroomId { get; set; }
    public long? TeacherId { get; set; }
}
