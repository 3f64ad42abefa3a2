using Classroom.Contracts.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Classroom.MediaRelay.Http;

/// <summary>
/// <c>GET /metrics</c> on the management port only: room and process numbers are for the operator's
/// scraper, not for anyone who can reach the public listener. Routing matches the Host header
/// (<c>RequireHost</c>), which a client writes itself, so the handler also checks the port the
/// connection actually arrived on and answers 404 elsewhere — the same answer as an unknown path.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void Map(IEndpointRouteBuilder endpoints, int managementPort) =>
        endpoints.MapGet(Path, (HttpContext http, MediaRelayMetrics metrics) =>
                http.Connection.LocalPort == managementPort
                    ? Results.Text(PrometheusText.Render(metrics.Meter), PrometheusText.ContentType)
                    : Results.NotFound())
            .RequireHost($"*:{managementPort}")
            .ExcludeFromDescription()
            .WithMetadata(new PublicEndpoint("management port only"));
}
