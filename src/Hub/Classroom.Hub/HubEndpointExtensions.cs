using Classroom.Contracts;
using Classroom.Hub.Hubs;
using Classroom.Hub.Reports;
using Microsoft.AspNetCore.Http.Connections;

namespace Classroom.Hub;

public static class HubEndpointExtensions
{
    /// <summary>Maps the lesson hub at <see cref="Routes.HubPath"/> and the admin reports under /api/hub.</summary>
    public static IEndpointRouteBuilder MapLessonHub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<LessonHub>(Routes.HubPath, o =>
        {
            // A connection whose join token expires is closed; the client fetches a fresh token and reconnects.
            o.CloseOnAuthenticationExpiration = true;
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling | HttpTransportType.ServerSentEvents;
        });
        endpoints.MapHubReports();
        return endpoints;
    }
}
