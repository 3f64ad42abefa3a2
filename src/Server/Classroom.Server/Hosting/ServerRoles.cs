namespace Classroom.Server.Hosting;

/// <summary>Which services this process composes; parsed once from <see cref="ServerOptions.Roles"/>.</summary>
public sealed record ServerRoles(bool Scheduler, bool Hub, bool Relay)
{
    /// <summary>Accounts, sign-in, the authorization layer and the audit log run wherever people's requests are served (scheduler or hub).</summary>
    public bool Identity => Scheduler || Hub;

    public static readonly string[] Known = ["scheduler", "hub", "relay"];

    public static ServerRoles Parse(string? value)
    {
        var parts = (value ?? string.Empty)
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant())
            .ToArray();
        if (parts.Length == 0 || parts.Contains("all")) return new ServerRoles(true, true, true);
        var unknown = parts.Except(Known).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown role(s) '{string.Join(", ", unknown)}'; known roles: {string.Join(", ", Known)}, all.");
        return new ServerRoles(parts.Contains("scheduler"), parts.Contains("hub"), parts.Contains("relay"));
    }

    public override string ToString() =>
        string.Join(",", new[] { Scheduler ? "scheduler" : null, Hub ? "hub" : null, Relay ? "relay" : null }.OfType<string>());
}
