using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>Class rosters: read (audited) and replaced whole. Only display name and the school's student id are kept.</summary>
public static class RosterEndpoints
{
    public static RouteGroupBuilder MapRosters(this RouteGroupBuilder api)
    {
        api.MapGet("/classrooms/{id:long}/roster", async (long id, HttpContext http, SchedulerDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            if (!await db.Classrooms.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound("Classroom", id);
            await audit.RecordAsync("roster.read", $"classroom:{id}", AuditOutcome.Succeeded, ct);
            var roster = await db.Roster.AsNoTracking().Where(r => r.ClassroomId == id).OrderBy(r => r.SchoolStudentId)
                .Select(r => new RosterEntryDto(r.SchoolStudentId, r.DisplayName)).ToListAsync(ct);
            return Results.Ok(roster);
        }).WithMetadata(new AccessRule(Permission.ReadPersonal, ResourceKind.Classroom))
            .Produces<List<RosterEntryDto>>();

        api.MapPut("/classrooms/{id:long}/roster", async (long id, IReadOnlyList<RosterEntryRequest> body, HttpContext http, SchedulerDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            if (!await db.Classrooms.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound("Classroom", id);
            var all = new Checks();
            var entries = new List<RosterEntry>();
            for (var i = 0; i < body.Count; i++)
            {
                var c = new Checks();
                if (Inputs.Student(body[i], c, $"[{i}].") is { } e)
                {
                    if (entries.Exists(x => x.SchoolStudentId == e.SchoolStudentId)) all.Add($"[{i}].schoolStudentId", $"Student id '{e.SchoolStudentId}' appears twice.");
                    entries.Add(e);
                }

                foreach (var (field, messages) in c.Errors) foreach (var m in messages) all.Add(field, m);
            }

            if (!all.Ok) return all.Problem();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Roster.Where(r => r.ClassroomId == id).ExecuteDeleteAsync(ct);
            foreach (var e in entries) e.ClassroomId = id;
            db.Roster.AddRange(entries);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await audit.RecordAsync("roster.replace", $"classroom:{id}", AuditOutcome.Succeeded, ct);
            return Results.Ok(entries.Select(e => new RosterEntryDto(e.SchoolStudentId, e.DisplayName)));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces<List<RosterEntryDto>>().ProducesValidationProblem();

        return api;
    }
}
