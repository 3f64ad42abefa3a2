using System.ComponentModel.DataAnnotations;

namespace Classroom.Server.Hosting;

/// <summary>
/// Top-level settings of the one executable (section "Classroom"). Every value can come from
/// appsettings.json, environment variables (Classroom__DataFolder) or the command line
/// (--data, --roles, --urls).
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "Classroom";

    /// <summary>Folder for SQLite files, keys, recordings. Created at start if missing.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Comma-separated roles this process runs: scheduler, hub, relay. Default: all.</summary>
    [Required]
    public string Roles { get; set; } = "scheduler,hub,relay";

    /// <summary>Seed the demo alliance and demo accounts into empty stores (README's first command asks for it; off by default).</summary>
    public bool SeedDemo { get; set; }
}
