using System.Diagnostics;
using System.Net.Sockets;

namespace Classroom.Hub.Tests.Support;

/// <summary>The hub host as a real child process (this test assembly's own entry point), killed with SIGKILL by PID.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly List<string> _args;
    private Process? _process;

    public HubProcess(string dataFolder, string rosterFile, int port, string? redis = null, string? staticRoot = null, string? postgres = null)
    {
        Port = port;
        _args = [typeof(HostProgram).Assembly.Location, "--hub-host", "--data", dataFolder, "--roster", rosterFile, "--urls", BaseUrl];
        if (redis is not null) _args.AddRange(["--redis", redis]);
        if (staticRoot is not null) _args.AddRange(["--static", staticRoot]);
        if (postgres is not null) _args.AddRange(["--postgres", postgres]);
    }

    public int Port { get; }

    public int ProcessId => _process?.Id ?? 0;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string StdErr { get; private set; } = "";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in _args) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null && StdErr.Length < 200_000) StdErr += e.Data + "\n"; };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) StdErr += e.Data + "\n"; };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("hub process exited: " + StdErr);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException("hub process did not listen on " + BaseUrl);
    }

    /// <summary>kill -9: no shutdown hooks, no flush; what was committed is all that survives.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);
}
