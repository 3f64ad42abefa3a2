using System.ComponentModel.DataAnnotations;

namespace Classroom.Identity;

/// <summary>Settings of accounts, sessions, devices and the audit log (section "Identity").</summary>
public sealed class AccountOptions
{
    public const string Section = "Identity";

    /// <summary>"sqlite" (default: &lt;data&gt;/identity.db) or "postgres" (then <see cref="ConnectionString"/> is required).</summary>
    [Required]
    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    /// <summary>
    /// Redis connection string over which identity nodes tell each other that a person's grants or
    /// account changed (<see cref="Auth.GrantChanges"/>); empty = <c>Hub:Redis</c>, and when both are
    /// empty the changes stay in-process (one node).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Failed sign-ins before an account is locked.</summary>
    [Range(3, 50)]
    public int LockoutFailures { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A page session ends after this long without use.</summary>
    [Range(1, 7 * 24)]
    public int SessionHours { get; set; } = 12;

    /// <summary>Longest lifetime of a personal access token.</summary>
    [Range(1, 3650)]
    public int TokenMaxDays { get; set; } = 365;

    /// <summary>How long a device's pairing code is valid.</summary>
    [Range(1, 24 * 60)]
    public int PairingCodeMinutes { get; set; } = 15;

    /// <summary>How long the one-time enrolment link of <c>classroom admin create</c> (and of admin password resets) is valid.</summary>
    [Range(1, 24 * 30)]
    public int EnrolmentLinkHours { get; set; } = 72;

    /// <summary>Audit rows older than this are deleted by the daily retention job.</summary>
    [Range(30, 3650 * 2)]
    public int AuditRetentionDays { get; set; } = 1095;

    /// <summary>Where people reach the server (used in printed enrolment links).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}
