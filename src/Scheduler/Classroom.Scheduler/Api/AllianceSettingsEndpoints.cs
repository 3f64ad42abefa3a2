using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler.Api;

/// <summary>
/// An alliance's settings: overlap share, relay capacity per lesson, uplink share per stream
/// (pairing) and recording retention days. Unset ones follow the server's configuration; the next solve uses them.
/// </summary>
public static class AllianceSettingsEndpoints
{
    public static RouteGroupBuilder MapAllianceSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/settings", async (long id, SchedulerDbContext db, IOptions<SchedulerOptions> options, CancellationToken ct) =>
            await db.Alliances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } alliance
                ? Results.Ok(AllianceSettingsView.From(alliance, options.Value, await DistrictSettingsStore.FindAsync(db, ct)))
                : Problems.NotFound("Alliance", id))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<AllianceSettingsView>().ProducesProblem(StatusCodes.Status404NotFound);

        // Replaces all three: a null (or missing) field goes back to the server's default.
        api.MapPut("/alliances/{id:long}/settings", async (long id, AllianceSettingsRequest r, SchedulerDbContext db, IOptions<SchedulerOptions> options, CancellationToken ct) =>
        {
            var alliance = await db.Alliances.FindAsync([id], ct);
            if (alliance is null) return Problems.NotFound("Alliance", id);
            var c = new Checks();
            if (r.MinOverlapShare is { } share) c.Range("minOverlapShare", share, AllianceSettings.MinShare, 1);
            if (r.RelayCapacityPerLesson is { } seats) c.Range("relayCapacityPerLesson", seats, 1, AllianceSettings.MaxRelayCapacity);
            if (r.UplinkSharePerStream is { } uplink) c.Range("uplinkSharePerStream", uplink, AllianceSettings.MinShare, 1);
            if (r.RecordingRetentionDays is { } days) c.Range("recordingRetentionDays", days, 1, AllianceSettings.MaxRetentionDays);
            if (!c.Ok) return c.Problem();
            (alliance.MinOverlapShare, alliance.RelayCapacityPerLesson, alliance.UplinkSharePerStream) = (r.MinOverlapShare, r.RelayCapacityPerLesson, r.UplinkSharePerStream);
            alliance.RecordingRetentionDays = r.RecordingRetentionDays;
            await db.SaveChangesAsync(ct);
            return Results.Ok(AllianceSettingsView.From(alliance, options.Value, await DistrictSettingsStore.FindAsync(db, ct)));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<AllianceSettingsView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        return api;
    }
}

/// <summary>PUT body; null means "the server's default".</summary>
public sealed record AllianceSettingsRequest(double? MinOverlapShare, int? RelayCapacityPerLesson, double? UplinkSharePerStream, int? RecordingRetentionDays = null);

/// <summary>
/// The values the alliance solves with, what it set itself (null: follows the district), what it
/// inherits from the district (the district's where set, else the server's), and the server's defaults.
/// </summary>
public sealed record AllianceSettingsView(AllianceSettings Effective, AllianceSettingsRequest Own, AllianceSettings ServerDefaults, AllianceSettings Inherited)
{
    public static AllianceSettingsView From(Domain.Alliance a, SchedulerOptions o, Domain.District? d = null) => new(
        AllianceSettings.Effective(a, o, d),
        new AllianceSettingsRequest(a.MinOverlapShare, a.RelayCapacityPerLesson, a.UplinkSharePerStream, a.RecordingRetentionDays),
        AllianceSettings.Defaults(o),
        AllianceSettings.Defaults(o, d));
}
