using Classroom.Contracts.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Ingest;

/// <summary>Registers the RTMP/SRT bridge (section "MediaRelay:Ingest"); it starts only when enabled.</summary>
internal static class IngestExtensions
{
    public static IServiceCollection AddIngestBridge(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.BindAddress) || System.Net.IPAddress.TryParse(o.BindAddress, out _), "MediaRelay:Ingest:BindAddress must be an IP address")
            .ValidateOnStart();
        services.AddSingleton<IngestLog>();
        services.AddSingleton<IngestBridge>();
        services.AddSingleton<IStudioIngestStatus>(sp => sp.GetRequiredService<IngestBridge>());
        services.AddHostedService(sp => sp.GetRequiredService<IngestBridge>());
        return services;
    }
}
