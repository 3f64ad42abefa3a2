using Classroom.Contracts.Access;
using Classroom.Contracts.Privacy;
using Classroom.Hub.Auth;
using Classroom.Hub.Broadcast;
using Classroom.Hub.Directory;
using Classroom.Hub.Hubs;
using Classroom.Hub.Presence;
using Classroom.Hub.Recordings;
using Classroom.Hub.Stage;
using Classroom.Hub.Store;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Classroom.Hub;

public static class HubServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hub role: join-token authentication, the record store (SQLite &lt;data&gt;/hub.db
    /// unless Hub:StoreProvider and Hub:StoreConnectionString say otherwise), SignalR (with the Redis backplane when
    /// Hub:Redis is set), the lesson directory and the stage-token issuer.
    /// </summary>
    public static IServiceCollection AddLessonHub(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LessonHubOptions>()
            .BindConfiguration(LessonHubOptions.Section)
            .PostConfigure(o => o.DataFolder = dataFolder)
            .ValidateDataAnnotations()
            .Validate(o => o.StoreProvider is HubStore.Sqlite or HubStore.Postgres, "Hub:StoreProvider must be 'sqlite' or 'postgres'.")
            .ValidateOnStart();
        var settings = configuration.GetSection(LessonHubOptions.Section).Get<LessonHubOptions>() ?? new LessonHubOptions();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, JoinTokenAuthenticationHandler>(
                JoinTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o => o.AddPolicy(Reports.ReportEndpoints.PersonPolicy, p => p.RequireClaim(Classroom.Contracts.Access.AccessClaims.Grant)));
        services.AddSingleton<JoinTokenKeyProvider>();
        services.AddSingleton<HubTickets>();
        services.AddSingleton<StageTokenLedger>();
        services.TryAddSingleton<Classroom.Contracts.Access.Revocations>();
        services.AddSingleton<HubRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<HubRevocations>());

        var connection = !string.IsNullOrWhiteSpace(settings.StoreConnectionString) ? settings.StoreConnectionString
            : settings.StoreProvider == HubStore.Postgres ? throw new InvalidOperationException("Hub:StoreConnectionString is required for PostgreSQL.")
            : $"Data Source={Path.Combine(dataFolder, "hub.db")};Default Timeout=30";
        services.AddPooledDbContextFactory<HubDbContext>(o => o.UseHubStore(settings.StoreProvider, connection));
        services.TryAddSingleton(_ => PersonalDataProtector.LoadOrCreate(dataFolder));
        services.ConfigureDbContext<HubDbContext>(o => o.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>(), ServiceLifetime.Singleton);
        services.AddSingleton<IPersonalDataEraser, AbsenteeNameEraser>();
        services.TryAddScoped<PersonalDataErasure>();
        services.AddHostedService<HubStoreInitializer>();
        services.AddSingleton<StoreWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreWriter>());
        services.AddSingleton<PresenceStore>();
        services.AddHostedService<PresenceSweeper>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        services.AddSingleton<LessonSnapshotter>();
        services.AddSingleton<LessonStateReader>();
        services.AddSingleton<LessonBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<LessonBroadcaster>());
        services.AddSingleton<TokenRateLimiter>();
        services.AddSingleton<Reports.AttendanceReports>();
        services.AddSingleton<Classroom.Contracts.Lessons.ILessonDeliveries, Reports.LessonDeliveries>();
        services.AddSingleton<Classroom.Contracts.Lessons.ILessonUsage, Reports.LessonUsageSource>();
        services.AddRecordingsCatalog(dataFolder);

        services.AddSingleton<SchedulerAddress>();
        if (!string.IsNullOrWhiteSpace(settings.LessonDirectoryFile))
            services.TryAddSingleton<ILessonDirectory>(new FileLessonDirectory(settings.LessonDirectoryFile));
        else
            services.AddHttpClient<ILessonDirectory, HttpLessonDirectory>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<IStageTokenIssuer, HttpStageTokenIssuer>(c => c.Timeout = TimeSpan.FromSeconds(10));

        var signalR = services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = settings.MaximumReceiveMessageSize;
            o.EnableDetailedErrors = false;
            o.AddFilter<LessonHubFilter>();
        });
        services.AddSingleton<LessonHubFilter>();
        var backplane = new BackplaneEvents();
        services.AddSingleton(backplane);
        if (!string.IsNullOrWhiteSpace(settings.Redis))
        {
            // The backplane only fans out; it is never the record (ARCHITECTURE.md). Keep retrying
            // when Redis is down at start instead of failing the node.
            signalR.AddStackExchangeRedis(settings.Redis, o =>
            {
                o.Configuration.AbortOnConnectFail = false;
                // Reconnect to a restarted Redis within about a second, not after an exponential backoff:
                // while the node is cut off, connections cannot join their groups.
                o.Configuration.ReconnectRetryPolicy = new StackExchange.Redis.LinearRetry(1000);
                // Fail a publish at once while Redis is down (instead of replaying it later to
                // nodes that may not have re-subscribed): the failure triggers a Resync.
                o.Configuration.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
                var configuration = o.Configuration;
                o.ConnectionFactory = async writer =>
                {
                    var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration, writer).ConfigureAwait(false);
                    connection.ConnectionRestored += (_, _) => backplane.OnRestored();
                    return connection;
                };
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("classroom");
            });
        }

        return services;
    }
}
