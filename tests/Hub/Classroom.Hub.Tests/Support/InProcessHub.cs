using Classroom.Contracts.Tokens;
using Classroom.Hub.Store;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Support;

/// <summary>One hub host in memory (TestServer), its data folder, tokens and a way to look into its store.</summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private InProcessHub(WebApplication app, string folder, TestTokens tokens)
    {
        App = app;
        Folder = folder;
        Tokens = tokens;
    }

    public WebApplication App { get; }
    public string Folder { get; }
    public TestTokens Tokens { get; }
    public TestServer Server => App.GetTestServer();

    public static async Task<InProcessHub> StartAsync(TimeProvider? time = null, string? redis = null, string? folder = null,
        Dictionary<string, string?>? extra = null, int extraRooms = 0)
    {
        time ??= TimeProvider.System;
        folder ??= TempFolder.Create("hub");
        var roster = Path.Combine(folder, "rosters.json");
        if (!File.Exists(roster)) HubHost.WriteRosters(roster, TestLessons.All(time.GetUtcNow().AddMinutes(-5), extraRooms));
        var settings = new HubHostSettings(folder, roster, redis) { Extra = extra ?? [] };
        var app = HubHost.Build(settings, time);
        await app.StartAsync().ConfigureAwait(false);
        return new InProcessHub(app, folder, new TestTokens(JoinTokenKeys.LoadOrCreatePrivate(folder), time));
    }

    public HubConnection Connection(string token, string? query = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, Contracts.Routes.HubPath + query), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();

    public async Task<TestClient> ConnectAsync(string token, string? query = null)
    {
        var client = new TestClient(Connection(token, query));
        await client.Connection.StartAsync().ConfigureAwait(false);
        return client;
    }

    public HubDbContext Db() => App.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContext();

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
