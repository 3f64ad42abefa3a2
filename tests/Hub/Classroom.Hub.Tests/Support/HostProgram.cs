namespace Classroom.Hub.Tests.Support;

/// <summary>
/// Entry point when the test assembly runs as a process: <c>dotnet Classroom.Hub.Tests.dll
/// --hub-host --data DIR --roster FILE --urls URL [--redis CONN] [--static DIR] [--postgres CONN]</c>. The
/// durability and browser tests start it, kill -9 it and start it again.
/// </summary>
public static class HostProgram
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "--hub-load") return await LoadProgram.RunAsync(args).ConfigureAwait(false);
        if (args.Length == 0 || args[0] != "--hub-host") return 2;
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var settings = new HubHostSettings(Arg("--data")!, Arg("--roster")!, Arg("--redis"), Arg("--static"))
        {
            Extra = { ["Hub:HeartbeatInterval"] = Arg("--heartbeat") ?? "00:00:05", ["Hub:RateLimitBurst"] = "200", ["Hub:RateLimitPerSecond"] = "100" },
        };
        if (Arg("--postgres") is { } postgres)
        {
            settings.Extra["Hub:StoreProvider"] = "postgres";
            settings.Extra["Hub:StoreConnectionString"] = postgres;
        }

        await using var trace = HubTrace.FromEnvironment();
        await using var app = HubHost.Build(settings, urls: Arg("--urls"));
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
