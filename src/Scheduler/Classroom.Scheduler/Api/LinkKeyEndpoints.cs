using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Resetting the keys of long-lived links: a room's kiosk link and calendar feed, a teacher's
/// calendar feed. Each reset stores the hash of a fresh key, so the old link stops working, and
/// answers the new link once; no other response carries a key, and the store cannot give it back.
/// </summary>
public static class LinkKeyEndpoints
{
    public static RouteGroupBuilder MapLinkKeys(this RouteGroupBuilder api)
    {
        api.MapPost("/classrooms/{id:long}/kiosk-key", async (long id, SchedulerDbContext db, CancellationToken ct) =>
        {
            var key = SecretKeys.New();
            var hash = SecretKeys.Hash(key);
            var reset = await db.Classrooms.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.KioskKeyHash, hash), ct);
            return reset == 0 ? Problems.NotFound("Classroom", id) : Results.Ok(new KioskLinkDto("/k/" + key));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces<KioskLinkDto>().WithMetadata(new NoRequestBody("the room is in the route; the server draws the new key"));

        api.MapPost("/classrooms/{id:long}/feed-key", async (long id, SchedulerDbContext db, CancellationToken ct) =>
        {
            var key = SecretKeys.New();
            var hash = SecretKeys.Hash(key);
            var reset = await db.Classrooms.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.FeedKeyHash, hash), ct);
            return reset == 0 ? Problems.NotFound("Classroom", id) : Results.Ok(new FeedLinkDto($"/api/feeds/classrooms/{id}.ics?key={key}"));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces<FeedLinkDto>().WithMetadata(new NoRequestBody("the room is in the route; the server draws the new key"));

        api.MapPost("/teachers/{id:long}/feed-key", async (long id, SchedulerDbContext db, CancellationToken ct) =>
        {
            var key = SecretKeys.New();
            var hash = SecretKeys.Hash(key);
            var reset = await db.Teachers.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.FeedKeyHash, hash), ct);
            return reset == 0 ? Problems.NotFound("Teacher", id) : Results.Ok(new FeedLinkDto($"/api/feeds/teachers/{id}.ics?key={key}"));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Teacher))
            .Produces<FeedLinkDto>().WithMetadata(new NoRequestBody("the teacher is in the route; the server draws the new key"));

        return api;
    }
}
