using Microsoft.Playwright;

namespace Classroom.MediaRelay.Tests.Infrastructure;

/// <summary>
/// The relay test host runs no scheduler or identity role. The shipped pages get their join token
/// from the signed-in session (GET /api/auth/session, POST /api/lessons/{id}/join); this answers
/// those two calls for one page with the token the scheduler would hand its caller.
/// </summary>
public static class SchedulerStandIn
{
    public static async Task GiveJoinTokenAsync(IPage page, string joinToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.RouteAsync("**/api/auth/session", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json", Body = "{\"signedIn\":true,\"csrf\":\"test\",\"me\":null}",
        }));
        await page.RouteAsync("**/api/lessons/*/join", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = System.Text.Json.JsonSerializer.Serialize(new { token = joinToken, expiresAt = DateTimeOffset.UnixEpoch.AddYears(100), role = "teacher" }),
        }));
    }
}
