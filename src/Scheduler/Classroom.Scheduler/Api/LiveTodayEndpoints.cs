using Classroom.Contracts.Access;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// "Live today" (issue 14; docs/admin-console.md): today's lessons of one alliance
/// (<c>/api/alliances/{id}/live</c>) or of the county (<c>/api/live</c>) with the rooms connected
/// now and the problems. Names no minor (headcounts only), so it is a plain read.
/// </summary>
public static class LiveTodayEndpoints
{
    public static RouteGroupBuilder MapLiveToday(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/live", async (long id, HttpContext http, SchedulerDbContext db, LiveToday live, TimeProvider clock, CancellationToken ct) =>
        {
            var alliance = await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alliance is null) return Problems.NotFound("Alliance", id);
            var today = AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone));
            return Results.Ok(await live.BuildAsync(id, today, CallerLanguage.IsEnglish(http.Request), ct));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<LiveTodayReport>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/live", async (HttpContext http, LiveToday live, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await live.BuildAsync(null, AllianceClock.Today(clock, AllianceClock.Zone(null)), CallerLanguage.IsEnglish(http.Request), ct)))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.County, null))
            .Produces<LiveTodayReport>();
        return api;
    }
}
