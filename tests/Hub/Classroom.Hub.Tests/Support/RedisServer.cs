using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Classroom.Hub.Tests.Support;

/// <summary>
/// A real redis-server (Debian package) on a free loopback port, no persistence, stopped by PID.
/// A missing binary fails the test (under CI=true and otherwise): the backplane is never mocked.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = TempFolder.Create("redis");
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartAgainAsync().ConfigureAwait(false);
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAgainAsync()
    {
        const string binary = "/usr/bin/redis-server";
        if (!File.Exists(binary))
            throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server); the multi-node tests need a real one.");
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _folder })
            info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (await PingAsync().ConfigureAwait(false)) return;
            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new InvalidOperationException("redis-server did not answer PING");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray()).ConfigureAwait(false);
            var buffer = new byte[16];
            var n = await stream.ReadAsync(buffer).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try { System.IO.Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
