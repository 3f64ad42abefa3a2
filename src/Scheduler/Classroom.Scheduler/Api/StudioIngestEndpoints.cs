using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Contracts.Recordings;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// A studio's hardware recording host (录播主机): its stream key, rotated by an admin of the
/// studio's school and shown once with the URLs to type into the host, and the bridge's status
/// for the studio (docs/ingest.md). The status is read from the relay role's bridge through
/// <see cref="IStudioIngestStatus"/>; a server without it answers "not listening".
/// </summary>
public static class StudioIngestEndpoints
{
    public static RouteGroupBuilder MapStudioIngest(this RouteGroupBuilder api)
    {
        api.MapPost("/studios/{id:long}/stream-key", async (long id, HttpRequest request, SchedulerDbContext db, TimeProvider time, IServiceProvider services, CancellationToken ct) =>
        {
            var key = SecretKeys.New();
            var hash = SecretKeys.Hash(key);
            var now = time.GetUtcNow();
            var rotated = await db.Studios.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.StreamKeyHash, hash).SetProperty(x => x.StreamKeyRotatedUtcTicks, now.UtcTicks), ct);
            if (rotated == 0) return StudioNotFound(request, id);
            var ports = (services.GetService(typeof(IStudioIngestStatus)) as IStudioIngestStatus)?.Ports ?? new IngestPorts(null, null);
            var host = request.Host.Host;
            return Results.Ok(new StreamKeyDto(key, now,
                ports.RtmpPort is { } rtmp ? $"rtmp://{host}:{rtmp}/live" : null,
                ports.RtmpPort is { } rtmp2 ? $"rtmp://{host}:{rtmp2}/live/{key}" : null,
                ports.SrtPort is { } srt ? $"srt://{host}:{srt}?streamid={key}" : null));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Studio))
            .Produces<StreamKeyDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new NoRequestBody("the studio is in the route; the server draws the new key"));

        api.MapGet("/studios/{id:long}/ingest", async (long id, HttpRequest request, SchedulerDbContext db, IServiceProvider services, CancellationToken ct) =>
        {
            var studio = await db.Studios.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.StreamKeyHash, s.StreamKeyRotatedUtcTicks }).FirstOrDefaultAsync(ct);
            if (studio is null) return StudioNotFound(request, id);
            var bridge = services.GetService(typeof(IStudioIngestStatus)) as IStudioIngestStatus;
            var status = bridge?.StatusOf(id) ?? new StudioIngestStatus(false, false, null, null, null, 0, 0, 0, null, null, null, null);
            return Results.Ok(new StudioIngestDto(id, studio.StreamKeyHash is not null,
                studio.StreamKeyRotatedUtcTicks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
                bridge?.Ports ?? new IngestPorts(null, null), status));
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Studio))
            .Produces<StudioIngestDto>().ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static IResult StudioNotFound(HttpRequest request, long id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: CallerLanguage.Pick(request, "未找到", "Not found"),
        detail: CallerLanguage.Pick(request, $"录播室 {id} 不存在。", $"Studio {id} does not exist."),
        extensions: new Dictionary<string, object?> { ["code"] = "not_found" });
}

/// <summary>The answer of a rotation: the only place the clear key appears; the old key is refused from now on.</summary>
public sealed record StreamKeyDto(string StreamKey, DateTimeOffset RotatedAt, string? RtmpServer, string? RtmpUrl, string? SrtUrl);

/// <summary>A studio's ingest: whether a key is set (never the key), when it was rotated, the bridge's ports and status.</summary>
public sealed record StudioIngestDto(long StudioId, bool HasStreamKey, DateTimeOffset? StreamKeyRotatedAt, IngestPorts Ports, StudioIngestStatus Status);
