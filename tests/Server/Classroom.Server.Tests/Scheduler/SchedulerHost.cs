using System.Net.Http.Headers;
using Classroom.Scheduler.Tokens;
using Classroom.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// The real server (scheduler role only) on a real SQLite file in a temp data folder, with a
/// fake clock set to Monday 2026-11-23 08:00 in Shanghai. Dispose and create another over the
/// same folder to restart it.
/// </summary>
public sealed class SchedulerHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public SchedulerHost(string? dataFolder = null, bool seedDemo = true, DateTimeOffset? now = null, string roles = "scheduler")
    {
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("classroom-sched-").FullName;
        SeedDemo = seedDemo;
        Roles = roles;
        Clock = new CalendarClock(now ?? MondayMorning);
    }

    public string DataFolder { get; }
    public bool SeedDemo { get; }
    public string Roles { get; }
    public CalendarClock Clock { get; }

    /// <summary>More settings (configuration key → value); set them before the first client is created.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Classroom:DataFolder", DataFolder);
        builder.UseSetting("Classroom:Roles", Roles);
        builder.UseSetting("Classroom:SeedDemo", SeedDemo ? "true" : "false");
        builder.UseSetting("Scheduler:MaxJsonBytes", "65536");
        builder.UseSetting("Scheduler:MaxImportBytes", "200000");
        builder.UseSetting("Scheduler:SolveTimeLimitSeconds", "5");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Starts the host on a real loopback socket (for browsers and SignalR over WebSockets); returns its base URL.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>A client carrying an alliance admin token minted by this host's own key.</summary>
    public HttpClient Admin(long allianceId = 1)
    {
        var client = CreateClient();
        using var scope = Services.CreateScope();
        var token = scope.ServiceProvider.GetRequiredService<JoinTokenService>().ForAdmin(allianceId, "test", TimeSpan.FromHours(1)).Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Scoped<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public void DeleteData()
    {
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* SQLite may still hold the file on a slow shutdown; temp folders are cleaned by the OS */ }
    }
}
