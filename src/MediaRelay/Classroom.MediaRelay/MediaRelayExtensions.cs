using Classroom.Contracts.Access;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Http;
using Classroom.MediaRelay.Ingest;
using Classroom.MediaRelay.Negotiation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Classroom.MediaRelay;

/// <summary>Registers and maps the media relay role.</summary>
public static class MediaRelayExtensions
{
    /// <summary>Options from section "MediaRelay" (validated at start), the runtime as a hosted service, WHIP/WHEP auth.</summary>
    public static IServiceCollection AddMediaRelay(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MediaRelayOptions>()
            .BindConfiguration(MediaRelayOptions.Section)
            .PostConfigure(o => o.DataFolder = string.IsNullOrEmpty(configuration[$"{MediaRelayOptions.Section}:DataFolder"]) ? dataFolder : o.DataFolder)
            .ValidateDataAnnotations()
            .Validate(o => System.Net.IPAddress.TryParse(o.BindAddress, out _), "MediaRelay:BindAddress must be an IP address")
            .Validate(o => o.OffersUdp || o.OffersTcp, "MediaRelay:Transports must name udp and/or tcp")
            .Validate(o => o.ManagementPort != o.TcpPort || o.TcpPort == 0, "MediaRelay:ManagementPort must differ from the ICE-TCP port")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Revocations>(); // shared with the other roles of an all-in-one server
        services.AddSingleton<MediaRelayLog>();
        services.AddSingleton(sp => new MediaRelayRuntime(sp.GetRequiredService<IOptions<MediaRelayOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MediaRelayLog>(), sp.GetRequiredService<Revocations>()));
        services.AddHostedService(sp =>
        {
            _ = sp.GetRequiredService<MediaRelayMetrics>(); // instruments exist from start, not from first use
            return sp.GetRequiredService<MediaRelayRuntime>();
        });
        AddRecorder(services);
        services.AddSingleton<RelayTokenAuthorizer>();
        services.AddMetrics();
        services.AddSingleton(sp => new MediaRelayMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<MediaRelayRuntime>()));
        services.AddHealthChecks().AddCheck<MediaRelayHealthCheck>("relay");
        services.AddIngestBridge(); // RTMP/SRT from hardware recording hosts, off unless MediaRelay:Ingest:Enabled
        services.AddProblemDetails();
        return services;
    }

    /// <summary>
    /// The lesson recorder (docs/recording.md), after the runtime so it starts once the relay runs
    /// and stops (finishing open recordings) before it. The catalog and the recording policy are
    /// other roles' services (of any lifetime), used when the server registers them.
    /// </summary>
    private static void AddRecorder(IServiceCollection services)
    {
        services.AddOptions<Recording.RecordingOptions>()
            .BindConfiguration(Recording.RecordingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<Recording.RecordingOptions>>().Value;
            var relay = sp.GetRequiredService<IOptions<MediaRelayOptions>>().Value;
            var runtime = sp.GetRequiredService<MediaRelayRuntime>();
            var root = string.IsNullOrEmpty(options.Folder) ? Path.Combine(relay.DataFolder, "recordings") : options.Folder;
            var registered = sp.GetRequiredService<IServiceProviderIsService>();
            var scopes = sp.GetRequiredService<IServiceScopeFactory>();
            var catalog = registered.IsService(typeof(Contracts.Recordings.IRecordingCatalog)) ? new Recording.ScopedRecordingCatalog(scopes) : null;
            var policy = registered.IsService(typeof(Contracts.Recordings.IRecordingPolicy)) ? new Recording.ScopedRecordingPolicy(scopes) : null;
            return new Recording.LessonRecorder(options, root, runtime.Rooms, runtime.Counters, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<MediaRelayLog>(), catalog, policy);
        });
        services.AddHostedService(sp => sp.GetRequiredService<Recording.LessonRecorder>());
    }

    /// <summary>
    /// POST/PATCH/DELETE/OPTIONS /whip/{lessonId}[/{resourceId}] and /whep/{lessonId}[/{resourceId}];
    /// GET /metrics (Prometheus text) on the management port only. <paramref name="configureCreate"/>
    /// runs on the two POST endpoints (session creation), e.g. for the server to attach its
    /// <c>RateLimitPolicies.MediaCreate</c> rate limiter, which the relay cannot name itself: a
    /// policy name without a registered policy throws at request time.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaRelay(this IEndpointRouteBuilder endpoints, Action<IEndpointConventionBuilder>? configureCreate = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var whip = WhipWhepEndpoints.Map(endpoints, "whip", SessionRole.Publisher, JoinTokenScopes.Publish);
        var whep = WhipWhepEndpoints.Map(endpoints, "whep", SessionRole.Player, JoinTokenScopes.Play);
        configureCreate?.Invoke(whip);
        configureCreate?.Invoke(whep);
        MetricsEndpoint.Map(endpoints, endpoints.ServiceProvider.GetRequiredService<IOptions<MediaRelayOptions>>().Value.ManagementPort);
        return endpoints;
    }
}
