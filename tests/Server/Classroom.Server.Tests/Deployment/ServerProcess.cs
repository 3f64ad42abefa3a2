using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Classroom.Server.Tests.Deployment;

/// <summary>
/// The shipped server as operators run it: <c>dotnet classroom.dll --contentRoot src/Server/Classroom.Server</c>
/// (so the real appsettings.json and wwwroot), the systemd unit's environment, a fresh data folder
/// and <c>--seed-demo true</c>. Optionally inside a network namespace (<c>ip netns exec</c>, which
/// execs, so the PID is the server's). Everything it writes to stdout and stderr is kept; the process
/// is killed by its PID on dispose and the data folder deleted.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The host names of infra/classroom.service's <c>Environment=AllowedHosts=…</c>.</summary>
    public const string UnitAllowedHosts = "classroom.example.edu.cn;localhost;127.0.0.1";

    public const string PublicHostName = "classroom.example.edu.cn";

    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private Process? _process;
    private string? _netns;
    private string[] _extraArgs = [];

    private ServerProcess(string dataFolder, int port)
    {
        DataFolder = dataFolder;
        Port = port;
    }

    public string DataFolder { get; }

    public int Port { get; }

    public string BaseUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>stdout and stderr interleaved as the lines arrived.</summary>
    public string Output
    {
        get
        {
            lock (_gate) return _output.ToString();
        }
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ContentRoot => Path.Combine(RepoRoot, "src", "Server", "Classroom.Server");

    /// <summary>The server's own build output (the test project references it, so building the tests builds it).</summary>
    public static string ServerDll => Path.Combine(ContentRoot, "bin", "Release", "net10.0", "linux-x64", "classroom.dll");

    /// <summary>
    /// Starts the server on 127.0.0.1:<paramref name="port"/> (in <paramref name="netns"/> when given) and
    /// waits, bounded, until it says it has started. <paramref name="extraArgs"/> go after the shipped switches.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(int port, string? netns = null, params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(extraArgs);
        if (!File.Exists(ServerDll))
            throw new InvalidOperationException($"The server is not built at {ServerDll}: build the test project in Release (dotnet build tests/Server/Classroom.Server.Tests -c Release).");
        if (!File.Exists(Path.Combine(ContentRoot, "wwwroot", "vue", "admin.html")))
            throw new InvalidOperationException("The web pages are not built: run `bash scripts/build-web.sh` (scripts/test.sh does).");
        var data = Path.Combine(Path.GetTempPath(), "classroom-deploy-" + Guid.NewGuid().ToString("N"));
        var server = new ServerProcess(data, port);
        try
        {
            await server.StartProcessAsync(netns, extraArgs);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task StartProcessAsync(string? netns, string[] extraArgs)
    {
        _netns = netns;
        _extraArgs = extraArgs;
        var info = new ProcessStartInfo(netns is null ? "dotnet" : "/usr/sbin/ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = ContentRoot,
        };
        if (netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", netns, "dotnet" }) info.ArgumentList.Add(a);
        }

        foreach (var a in new[] { ServerDll, "--contentRoot", ContentRoot, "--data", DataFolder, "--seed-demo", "true", "--urls", BaseUrl })
            info.ArgumentList.Add(a);
        foreach (var a in extraArgs) info.ArgumentList.Add(a);
        // infra/classroom.service's environment.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Classroom__Roles"] = "scheduler,hub,relay";
        info.Environment["AllowedHosts"] = UnitAllowedHosts;
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("DOTNET_ENVIRONMENT");

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data, started);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, started);
        _process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("the server exited while starting:\n" + Output));
        if (!_process.Start()) throw new InvalidOperationException("could not start " + info.FileName);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("the server did not report 'Application started' within 90 s:\n" + Output);
        }
    }

    private void Append(string? line, TaskCompletionSource started)
    {
        if (line is null) return;
        lock (_gate) _output.Append(line).Append('\n');
        // Microsoft.Hosting.Lifetime at Information (the shipped default level) says this once Kestrel listens and every hosted service has started.
        if (line.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
    }

    /// <summary>
    /// SIGTERM by PID, as systemd stops the unit (KillSignal=SIGTERM), and a bounded wait for the
    /// exit: the host shuts down and the console logger writes out what it still holds, so
    /// <see cref="Output"/> is then complete. SIGKILL if it does not exit within 30 s.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        await Classroom.Testing.Network.HostCommand.RunAsync("/usr/bin/kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: false);
            throw new TimeoutException("the server did not stop within 30 s of SIGTERM:\n" + Output);
        }
    }

    /// <summary>
    /// A crash as systemd sees one: SIGKILL of the server and of every process it started (its
    /// ffmpegs; systemd kills the unit's control group before <c>Restart=on-failure</c> starts it
    /// again), by PID, and a bounded wait for the exit. No shutdown code of the server runs.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(bound.Token);
    }

    /// <summary>Starts the server again (after <see cref="KillAsync"/> or <see cref="StopAsync"/>) on the same data folder, port and switches.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the server still runs");
        _process?.Dispose();
        _process = null;
        lock (_gate) _output.Append("---- restarted ----\n");
        await StartProcessAsync(_netns, _extraArgs);
    }

    /// <summary>A TCP port nothing in this network namespace listens on right now.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A UDP port free on loopback right now (the relay's media socket).</summary>
    public static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: false);
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _process.WaitForExitAsync(bound.Token);
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }

            _process.Dispose();
            _process = null;
        }

        try
        {
            if (Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Classroom.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Classroom.sln not found above " + AppContext.BaseDirectory);
    }
}
