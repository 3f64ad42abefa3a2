using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Classroom.Contracts.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Classroom.MediaRelay.Tests.Infrastructure;

/// <summary>
/// A real Kestrel on 127.0.0.1:0 with the relay role (real UDP/TCP media sockets on free ports),
/// the test pages, and a fresh join-token key pair in a temp data folder.
/// </summary>
public sealed class RelayTestHost : IAsyncDisposable
{
    public const string Lesson = "L42-20261123";

    private readonly WebApplication _app;
    private readonly ECDsa _signingKey;
    private readonly string _dataFolder;

    private RelayTestHost(WebApplication app, ECDsa signingKey, string dataFolder, string baseUrl, string managementUrl, IReadOnlyList<string>? addresses = null)
    {
        Addresses = addresses ?? [baseUrl];
        ManagementUrl = managementUrl;
        _app = app;
        _signingKey = signingKey;
        _dataFolder = dataFolder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The loopback management listener (MediaRelay:ManagementPort), the only one serving /metrics.</summary>
    public string ManagementUrl { get; }

    /// <summary>Every public address Kestrel listens on (several when <c>url</c> lists several, separated by ';').</summary>
    public IReadOnlyList<string> Addresses { get; }

    public MediaRelayRuntime Runtime => _app.Services.GetRequiredService<MediaRelayRuntime>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The host's data folder (keys, recordings).</summary>
    public string DataFolder => _dataFolder;

    public static async Task<RelayTestHost> StartAsync(string transports = "udp,tcp", TimeProvider? time = null, string? webRoot = null,
        IReadOnlyDictionary<string, string?>? settings = null, string? url = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        // The management port must be a fixed number (endpoints match it), so it is picked free
        // just before Kestrel binds it; another process taking it in between is retried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(transports, time, webRoot, settings, url, FreeTcpPort(), logs, services);
            }
            catch (IOException) when (attempt < 3)
            {
                // Address in use: pick another port.
            }
        }
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<RelayTestHost> StartOnceAsync(string transports, TimeProvider? time, string? webRoot,
        IReadOnlyDictionary<string, string?>? settings, string? url, int managementPort, ILoggerProvider? logs, Action<IServiceCollection>? services)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "relay-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var key = JoinTokenKeys.LoadOrCreatePrivate(dataFolder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = webRoot ?? Path.Combine(AppContext.BaseDirectory, "TestPages"),
            EnvironmentName = "Development",
        });
        // url: e.g. http://10.231.S.1:0 so a player in a test network namespace reaches the pages and WHEP.
        var managementUrl = $"http://127.0.0.1:{managementPort.ToString(CultureInfo.InvariantCulture)}";
        builder.WebHost.UseUrls((url ?? "http://127.0.0.1:0") + ";" + managementUrl);
        builder.Logging.ClearProviders();
        if (logs is null) builder.Logging.AddFilter(_ => false);
        else builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MediaRelay:UdpPort"] = "0",
            ["MediaRelay:TcpPort"] = "0",
            ["MediaRelay:Transports"] = transports,
            ["MediaRelay:HandshakeTimeoutSeconds"] = "10",
            ["MediaRelay:ManagementPort"] = managementPort.ToString(CultureInfo.InvariantCulture),
            ["MediaRelay:Recording:Enabled"] = "false", // tests of recording turn it on; others start no ffmpeg per studio
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null) builder.Services.AddSingleton(time);
        services?.Invoke(builder.Services); // e.g. the scheduler's ingest directory, which a relay-only host lacks
        builder.Services.AddMediaRelay(builder.Configuration, dataFolder);
        var app = builder.Build();
        app.UseStaticFiles();
        app.MapMediaRelay();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            key.Dispose();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => a.TrimEnd('/')).Where(a => a != managementUrl).ToList();
        return new RelayTestHost(app, key, dataFolder, addresses[0], managementUrl, addresses);
    }

    /// <summary>The server's wwwroot as `npm run build` fills it, or null when the web build has not run.</summary>
    public static string? BuiltWebRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Classroom.sln"))) continue;
            var root = Path.Combine(dir.FullName, "src", "Server", "Classroom.Server", "wwwroot");
            return File.Exists(Path.Combine(root, "app", "pages", "player.js")) ? root : null;
        }

        return null;
    }

    public string Token(ClassroomRole role, string lessonId, params string[] scopes) =>
        TokenFor(role.ToWire() + ":1", Guid.NewGuid().ToString("N"), role, lessonId, scopes);

    /// <summary>A token for a chosen subject and token id (jti): ownership, caps and revocation are keyed by them.</summary>
    public string TokenFor(string subject, string tokenId, ClassroomRole role, string lessonId, params string[] scopes)
    {
        var now = TimeProvider.System.GetUtcNow();
        var claims = new JoinTokenClaims(subject, role, 1, lessonId, 1, role == ClassroomRole.Classroom ? 7 : null,
            role == ClassroomRole.Teacher ? 3 : null, scopes, now.AddMinutes(-1), now.AddMinutes(30), tokenId);
        return JoinTokenCodec.Sign(claims, _signingKey);
    }

    /// <summary>A token of classroom <paramref name="classroomId"/> (subject "room:{id}") with the given scopes: its wall camera ("camera") or its stage token ("publish").</summary>
    public string RoomToken(long classroomId, string tokenId, params string[] scopes)
    {
        var now = TimeProvider.System.GetUtcNow();
        var claims = new JoinTokenClaims("room:" + classroomId, ClassroomRole.Classroom, 1, Lesson, 1, classroomId, null, scopes,
            now.AddMinutes(-1), now.AddMinutes(30), tokenId);
        return JoinTokenCodec.Sign(claims, _signingKey);
    }

    /// <summary>A classroom token (hub + play) for another room of the lesson.</summary>
    public string ClassroomTokenFor(string subject, string? tokenId = null, string lessonId = Lesson) =>
        TokenFor(subject, tokenId ?? Guid.NewGuid().ToString("N"), ClassroomRole.Classroom, lessonId, JoinTokenScopes.Hub, JoinTokenScopes.Play);

    public string TeacherToken(string lessonId = Lesson) => Token(ClassroomRole.Teacher, lessonId, JoinTokenScopes.Hub, JoinTokenScopes.Play, JoinTokenScopes.Publish);

    public string ClassroomToken(string lessonId = Lesson) => Token(ClassroomRole.Classroom, lessonId, JoinTokenScopes.Hub, JoinTokenScopes.Play);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
