using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Classroom.MediaRelay;

/// <summary>/health entry "relay": healthy while the media sockets are bound; degraded at the session cap.</summary>
internal sealed class MediaRelayHealthCheck(MediaRelayRuntime runtime, IOptions<MediaRelayOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["sessions"] = runtime.SessionCount,
            ["udp"] = runtime.UdpEndPoint?.ToString() ?? "-",
            ["tcp"] = runtime.TcpEndPoint?.ToString() ?? "-",
        };
        var result = runtime.UdpEndPoint is null
            ? HealthCheckResult.Unhealthy("media sockets are not bound", data: data)
            : runtime.SessionCount >= options.Value.MaxSessions
                ? HealthCheckResult.Degraded("at the session cap", data: data)
                : HealthCheckResult.Healthy(data: data);
        return Task.FromResult(result);
    }
}
