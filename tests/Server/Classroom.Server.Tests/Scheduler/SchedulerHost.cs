using System.Net.Http.Headers;
using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Identity.Store;
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

    /// <summary>Replaces services of the real server (e.g. a solver a test holds back); set before the first client.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Classroom:DataFolder", DataFolder);
        builder.UseSetting("Classroom:Roles", Roles);
        builder.UseSetting("Classroom:SeedDemo", SeedDemo ? "true" : "false");
        builder.UseSetting("Scheduler:MaxJsonBytes", "65536");
        builder.UseSetting("Scheduler:MaxImportBytes", "200000");
        builder.UseSetting("Scheduler:SolveTimeLimitSeconds", "5");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(s);
        });
    }

    /// <summary>Starts the host on a real loopback socket (for browsers and SignalR over WebSockets); returns its base URL.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>
    /// Starts the host on 127.0.0.1:<paramref name="port"/> and on each of <paramref name="alsoOn"/>
    /// at the same port (a fixed port: a restarted host takes the same one again; a veth address: a
    /// browser in a network namespace reaches it); returns the loopback base URL.
    /// </summary>
    public string StartOn(int port, params System.Net.IPAddress[] alsoOn)
    {
        ArgumentNullException.ThrowIfNull(alsoOn);
        UseKestrel(o =>
        {
            o.Listen(System.Net.IPAddress.Loopback, port);
            foreach (var address in alsoOn) o.Listen(address, port);
        });
        StartServer();
        ClientOptions.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>A client carrying a personal access token of a district admin (created on first use).</summary>
    public HttpClient Admin(long allianceId = 1) => WithToken(AccessToken("test-admin", new Grant(AccountRole.DistrictAdmin)));

    /// <summary>
    /// A personal access token of the named person, created with the given grants if the person
    /// does not exist yet (the demo accounts exist when the demo is seeded).
    /// </summary>
    public string AccessToken(string userName, params Grant[] grants)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        var person = db.Users.FirstOrDefault(p => p.UserName == userName);
        if (person is null)
        {
            var (created, result) = scope.ServiceProvider.GetRequiredService<Accounts>()
                .CreateAsync(userName, userName, grants, password: null, CancellationToken.None).GetAwaiter().GetResult();
            person = created?.Person ?? throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        var secret = Secrets.NewSecret();
        var token = new Classroom.Identity.Store.AccessToken
        {
            PersonId = person.Id, Name = "test", SecretHash = Secrets.Hash(secret),
            CreatedUtcTicks = Clock.GetUtcNow().UtcTicks, ExpiresUtcTicks = Clock.GetUtcNow().AddDays(1).UtcTicks,
        };
        db.AccessTokens.Add(token);
        db.SaveChanges();
        return Secrets.Compose(Secrets.TokenPrefix, token.Id, secret);
    }

    /// <summary>An enrolled classroom device's credential (as an admin enrols a projector PC by pairing code).</summary>
    public string DeviceCredential(long classroomId)
    {
        using var scope = Services.CreateScope();
        var room = scope.ServiceProvider.GetRequiredService<Classroom.Scheduler.Data.SchedulerDbContext>().Classrooms
            .Where(c => c.Id == classroomId).Select(c => new { c.Id, c.SchoolId, c.ClassName, c.School!.AllianceId }).First();
        return Classroom.Server.Hosting.DemoAccounts.EnrolAsync(scope.ServiceProvider.GetRequiredService<AccountDbContext>(), room.AllianceId, room.SchoolId, room.Id, room.ClassName, CancellationToken.None)
            .GetAwaiter().GetResult();
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
