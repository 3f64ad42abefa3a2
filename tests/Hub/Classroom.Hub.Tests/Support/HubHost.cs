using System.Text.Json;
using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Stage;
using Microsoft.AspNetCore.TestHost;

namespace Classroom.Hub.Tests.Support;

/// <summary>Where a hub host keeps its data, who is in which lesson, and which backplane it uses.</summary>
public sealed record HubHostSettings(string DataFolder, string RosterFile, string? Redis = null, string? StaticRoot = null)
{
    public Dictionary<string, string?> Extra { get; init; } = [];
}

/// <summary>
/// A hub host composed exactly like the server's hub role (AddLessonHub/MapLessonHub), with the
/// roster file and a stage-token issuer standing in for the scheduler. In-memory (TestServer) for
/// most tests, Kestrel in the child process the durability and browser tests kill.
/// </summary>
public static class HubHost
{
    public static void WriteRosters(string path, IEnumerable<LessonRosterDto> rosters)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(rosters, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        File.Move(temp, path, overwrite: true);
    }

    public static WebApplication Build(HubHostSettings settings, TimeProvider? time = null, string? urls = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = settings.DataFolder,
            WebRootPath = settings.StaticRoot,
            EnvironmentName = "Production",
        });
        var config = new Dictionary<string, string?>
        {
            ["Hub:LessonDirectoryFile"] = settings.RosterFile,
            ["Hub:Redis"] = settings.Redis,
        };
        foreach (var (k, v) in settings.Extra) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(Environment.GetEnvironmentVariable("HUB_TEST_LOG") == "1" ? LogLevel.Information : urls is null ? LogLevel.Error : LogLevel.Warning);
        time ??= TimeProvider.System;
        builder.Services.AddSingleton(time);
        builder.Services.AddLessonHub(builder.Configuration, settings.DataFolder);
        var key = JoinTokenKeys.LoadOrCreatePrivate(settings.DataFolder);
        builder.Services.AddSingleton<IStageTokenIssuer>(new TestStageTokenIssuer(key, time));
        if (urls is null) builder.WebHost.UseTestServer();
        else builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        if (settings.StaticRoot is not null)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }

        app.MapLessonHub();
        return app;
    }
}
