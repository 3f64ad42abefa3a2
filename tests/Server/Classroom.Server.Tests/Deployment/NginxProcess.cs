using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Classroom.Server.Tests.Deployment;

/// <summary>
/// A real nginx (Debian package) in front of the server, configured from the shipped
/// infra/nginx-classroom.conf: its server block is taken as it is — server_name,
/// client_max_body_size and every location with its proxy_set_header lines — except that the
/// TLS lines (<c>listen 443 ssl</c>, <c>ssl_*</c>) become a plain-HTTP <c>listen</c> on the given
/// address, and proxy_pass points at the test server's port. Runs in the foreground (<c>daemon off</c>)
/// so its master process is the one started; killed by that PID, then its temp folder deleted.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "classroom-nginx-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private Process? _process;

    public static string ShippedConfig => Path.Combine(ServerProcess.RepoRoot, "infra", "nginx-classroom.conf");

    public string ConfigPath => Path.Combine(_folder, "nginx.conf");

    public string AccessLogPath => Path.Combine(_folder, "access.log");

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public string Output
    {
        get
        {
            lock (_gate) return _output.ToString();
        }
    }

    /// <summary>
    /// The shipped server block with plain HTTP on <paramref name="listen"/>:80 and the upstream on
    /// 127.0.0.1:<paramref name="upstreamPort"/>. Throws when the shipped file no longer has the
    /// shape this relies on, so a changed file is noticed rather than silently mis-tested.
    /// </summary>
    public static string ServerBlockFromShipped(string shipped, IPAddress listen, int upstreamPort)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(listen);
        var open = ServerOpen().Match(shipped);
        if (!open.Success) throw new InvalidOperationException("infra/nginx-classroom.conf has no `server {` block");
        var body = shipped[(open.Index + open.Length)..shipped.LastIndexOf('}')];
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"    listen {listen}:80;") };
        var upstreams = 0;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("listen ", StringComparison.Ordinal) || trimmed.StartsWith("ssl_", StringComparison.Ordinal)) continue;
            if (trimmed.StartsWith("proxy_pass ", StringComparison.Ordinal))
            {
                upstreams++;
                lines.Add(ProxyPass().Replace(line, string.Create(CultureInfo.InvariantCulture, $"proxy_pass http://127.0.0.1:{upstreamPort};")));
                continue;
            }

            lines.Add(line.TrimEnd('\r'));
        }

        if (upstreams == 0) throw new InvalidOperationException("infra/nginx-classroom.conf has no proxy_pass to replace");
        return "server {\n" + string.Join('\n', lines) + "\n}\n";
    }

    /// <summary>Starts nginx (inside <paramref name="netns"/> when given) and waits, bounded, until its master has written its PID file.</summary>
    public static async Task<NginxProcess> StartAsync(IPAddress listen, int upstreamPort, string? netns)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"nginx is required at {Binary} (apt-get install nginx; scripts/ensure-deps.sh installs it): the deployment test needs the real proxy.");
        var nginx = new NginxProcess();
        try
        {
            await nginx.StartProcessAsync(listen, upstreamPort, netns);
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }

        return nginx;
    }

    private async Task StartProcessAsync(IPAddress listen, int upstreamPort, string? netns)
    {
        Directory.CreateDirectory(_folder);
        var server = ServerBlockFromShipped(await File.ReadAllTextAsync(ShippedConfig), listen, upstreamPort);
        var f = _folder;
        var config = $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            user root;
            pid {{f}}/nginx.pid;
            error_log {{f}}/error.log info;
            events { worker_connections 128; }
            http {
                access_log {{f}}/access.log;
                client_body_temp_path {{f}}/body;
                proxy_temp_path {{f}}/proxy;
                fastcgi_temp_path {{f}}/fastcgi;
                uwsgi_temp_path {{f}}/uwsgi;
                scgi_temp_path {{f}}/scgi;
                # From infra/nginx-classroom.conf (TLS replaced by plain HTTP for the test):
            {{server}}
            }
            """;
        await File.WriteAllTextAsync(ConfigPath, config);

        var info = new ProcessStartInfo(netns is null ? Binary : "/usr/sbin/ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", netns, Binary }) info.ArgumentList.Add(a);
        }

        foreach (var a in new[] { "-p", _folder, "-c", ConfigPath, "-e", Path.Combine(_folder, "error.log") }) info.ArgumentList.Add(a);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!_process.Start()) throw new InvalidOperationException("could not start nginx");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var pidFile = Path.Combine(_folder, "nginx.pid");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile, bound.Token)).Trim().Length == 0)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited ({_process.ExitCode}):\n{Output}\n{ErrorLog}\n--- config ---\n{config}");
            try
            {
                await Task.Delay(50, bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nginx did not start within 20 s:\n{Output}\n{ErrorLog}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.Append(line).Append('\n');
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                // SIGKILL to the master by its PID would leave its worker running (nginx sets no
                // parent-death signal), so the worker's PID is read from /proc first and killed too.
                var workers = WorkerPids(_process.Id);
                if (!_process.HasExited) _process.Kill(entireProcessTree: false);
                foreach (var pid in workers)
                {
                    try
                    {
                        using var worker = Process.GetProcessById(pid);
                        worker.Kill();
                    }
                    catch (ArgumentException)
                    {
                        // Already gone.
                    }
                    catch (InvalidOperationException)
                    {
                        // Already gone.
                    }
                }

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
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    /// <summary>Children of the master (its workers), from /proc.</summary>
    private static List<int> WorkerPids(int master)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …; comm may contain spaces, so read after the last ')'.
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (rest.Length > 1 && int.Parse(rest[1], CultureInfo.InvariantCulture) == master) pids.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return pids;
    }

    [GeneratedRegex(@"(?m)^\s*server\s*\{")]
    private static partial Regex ServerOpen();

    [GeneratedRegex(@"proxy_pass\s+[^;]+;")]
    private static partial Regex ProxyPass();
}
