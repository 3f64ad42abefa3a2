using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Classroom.Testing.Stores;

/// <summary>
/// A real PostgreSQL server (Debian package <c>postgresql</c>) that the tests start in a temporary
/// folder on a free loopback port and a unix socket in that folder (it works inside <c>unshare -n</c>),
/// with trust authentication and fsync off: for tests only. One server per test process, started
/// on first use and stopped (by the PID in its pid file) by a watchdog when the process ends; each test
/// class takes its own databases (<see cref="NewDatabase"/>). Run as root, initdb and pg_ctl run as
/// the package's unprivileged <c>postgres</c> user (initdb refuses root), as
/// /work/shared/recipes/postgres.md describes. A missing installation fails the test, in CI and
/// elsewhere: the PostgreSQL suites are never skipped.
/// </summary>
public sealed class PostgresServer
{
    private const string User = "classroom";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;
    private static int _databases;

    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresServer(string folder, string bin, bool asPostgresUser, int port)
    {
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The process's server, started on first use.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync(durable: false).ConfigureAwait(false);
            }

            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A server of its own with the durability settings of production (fsync, synchronous commit,
    /// full-page writes on): for benchmarks, whose figures must include the flush an
    /// acknowledgement waits for. Stopped by its watchdog like the shared one.
    /// </summary>
    public static Task<PostgresServer> StartDurableAsync() => StartAsync(durable: true);

    /// <summary>A connection string to a database name no other test uses; EF Core creates it on first migration.</summary>
    public string NewDatabase(string prefix) =>
        ConnectionString($"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={database};Timeout=30;Command Timeout=60";

    private static async Task<PostgresServer> StartAsync(bool durable)
    {
        var bin = FindBinaries();
        SweepStaleFolders(TimeProvider.System);
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("classroom-pg-").FullName;
        var server = new PostgresServer(folder, bin, asPostgresUser, FreePort());
        if (asPostgresUser) await RunAsync("chown", ["postgres", folder]).ConfigureAwait(false);
        await server.RunToolAsync("initdb", ["-D", server.DataFolder, "-A", "trust", "-U", User, "-E", "UTF8", "--no-sync"]).ConfigureAwait(false);
        var settings = $"-p {server.Port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
                       + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await server.RunToolAsync("pg_ctl", ["-D", server.DataFolder, "-o", settings, "-l", Path.Combine(folder, "log"), "-w", "-t", "120", "start"]).ConfigureAwait(false);
        StartWatchdog(folder);
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>
    /// Stops the server once this process has gone, however it ends (the test host may be killed
    /// with its process tree): a small shell polls the process once a second, then ends the
    /// postmaster by the PID in its pid file (SIGQUIT: immediate shutdown), waits (at most 30 s)
    /// for the pid file to go and deletes the folder.
    /// </summary>
    private static void StartWatchdog(string folder)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 1; done
            pid=$(head -n 1 "$2/data/postmaster.pid") && kill -QUIT "$pid"
            for i in $(seq 1 30); do [ -e "$2/data/postmaster.pid" ] || break; sleep 1; done
            rm -rf "$2"
            """;
        // setsid -f: its own session and no parent among the test host's children, so a kill of the host's process tree spares it.
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "-f", "bash", "-c", script, "postgres-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), folder })
            info.ArgumentList.Add(a);
        using var watchdog = Process.Start(info) ?? throw new InvalidOperationException("could not start the PostgreSQL watchdog");
    }

    /// <summary>
    /// Deletes folders of servers whose watchdog could not remove them (it was killed too): no
    /// server runs in them any more and they are older than any start could take.
    /// </summary>
    private static void SweepStaleFolders(TimeProvider clock)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "classroom-pg-*"))
        {
            try
            {
                if (File.Exists(Path.Combine(folder, "data", "postmaster.pid"))) continue;
                if (clock.GetUtcNow() - Directory.GetLastWriteTimeUtc(folder) < TimeSpan.FromMinutes(15)) continue;
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process's folder, or one being removed right now.
            }
        }
    }

    private string Tool(string name) => Path.Combine(_bin, name);

    private Task RunToolAsync(string name, IReadOnlyList<string> args) => RunAsync(Tool(name), args, _asPostgresUser);

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgresUser = false)
    {
        using var process = StartProcess(file, args, asPostgresUser);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await output.ConfigureAwait(false)} {await error.ConfigureAwait(false)}");
    }

    private static Process StartProcess(string file, IReadOnlyList<string> args, bool asPostgresUser)
    {
        var info = new ProcessStartInfo(asPostgresUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) info.ArgumentList.Add(a);
        }

        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
    }

    /// <summary>The newest installed server's binaries (/usr/lib/postgresql/&lt;version&gt;/bin).</summary>
    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version).Select(d => d.Dir).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (apt-get install postgresql, or scripts/ensure-deps.sh); the store contract suites need a real server.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
