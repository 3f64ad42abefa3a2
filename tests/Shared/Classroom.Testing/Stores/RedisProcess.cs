using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Classroom.Testing.Stores;

/// <summary>
/// A real redis-server (Debian package <c>redis-server</c>) on a free loopback port, no
/// persistence, stopped by its PID (<see cref="StopAsync"/> simulates a lost Redis). A missing
/// binary fails the test, under CI=true and elsewhere: Redis is never mocked. (The hub tests have
/// their own copy, <c>Classroom.Hub.Tests.Support.RedisServer</c>, from before this shared one.)
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string _folder = Directory.CreateTempSubdirectory("classroom-redis-").FullName;
    private Process? _process;

    private RedisProcess(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)},abortConnect=false,connectTimeout=2000";

    public static async Task<RedisProcess> StartAsync()
    {
        var server = new RedisProcess(FreePort());
        await server.StartAgainAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAgainAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server); the multi-node tests need a real one.");
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _folder })
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

    /// <summary>Kills this fixture's own redis-server (by its PID) and waits for it to exit.</summary>
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
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
