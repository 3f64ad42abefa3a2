using Classroom.Contracts;
using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Hub.Auth;
using Classroom.Hub.Hubs;
using Classroom.Hub.Reports;
using Microsoft.AspNetCore.Http.Connections;

namespace Classroom.Hub;

public static class HubEndpointExtensions
{
    /// <summary>A short-lived ticket the page's SignalR URL may carry instead of the join token; <c>ExpiresIn</c> in seconds.</summary>
    public sealed record HubTicket(string Ticket, int ExpiresIn);

    /// <summary>Maps the lesson hub at <see cref="Routes.HubPath"/> and the admin reports under /api/hub.</summary>
    public static IEndpointRouteBuilder MapLessonHub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<LessonHub>(Routes.HubPath, o =>
        {
            // A connection whose join token expires is closed; the client fetches a fresh token and reconnects.
            o.CloseOnAuthenticationExpiration = true;
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling | HttpTransportType.ServerSentEvents;
        }).WithMetadata(new PublicEndpoint("the hub checks the join token (header) or its ticket (URL) itself"));

        // Exchange a join token (Authorization header, never the URL) for a 30-second ticket the page's SignalR URL may carry.
        endpoints.MapPost(Routes.HubPath + "/ticket", (HttpContext http, HubTickets tickets) =>
        {
            var caller = HubCaller.From(http.User);
            return caller is null
                ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "unauthorized", detail: "send the join token as 'Authorization: Bearer <token>'")
                : Results.Ok(new HubTicket(tickets.Issue(caller.Token, caller.RawToken), (int)HubTickets.Lifetime.TotalSeconds));
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = JoinTokenAuthenticationHandler.SchemeName })
          .WithMetadata(new PublicEndpoint("the join token in the Authorization header is checked by the hub's scheme"))
          .Produces<HubTicket>().ProducesProblem(StatusCodes.Status401Unauthorized).WithMetadata(new NoRequestBody("the join token travels in the Authorization header"))
          .DisableAntiforgery();
        endpoints.MapHubReports();
        return endpoints;
    }
}
