using Classroom.Contracts.Access;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

public static class AllianceEndpoints
{
    public static RouteGroupBuilder MapAlliances(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances", async (HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            // Only what the caller may read: a district admin sees every alliance, an alliance admin theirs.
            var grants = AccessClaims.GrantsOf(http.User);
            var all = await db.Alliances.AsNoTracking().OrderBy(a => a.Id)
                .Select(a => new AllianceDto(a.Id, a.Name, a.TimeZone, a.Schools.Count)).ToListAsync(ct);
            return Results.Ok(all.Where(a => AccessPolicy.Allows(grants, Permission.Read, new ResourceScope(a.Id, null))).ToList());
        }).WithMetadata(new SignedInEndpoint("lists only the alliances the caller may read"))
            .Produces<List<AllianceDto>>();

        api.MapPost("/alliances", async (AllianceRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var c = Validate(r);
            if (!c.Ok) return c.Problem();
            var alliance = new Alliance { Name = r.Name!.Trim(), TimeZone = r.TimeZone ?? AllianceClock.DefaultZone };
            db.Alliances.Add(alliance);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/alliances/{alliance.Id}", AllianceDto.From(alliance, 0));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null))
            .Produces<AllianceDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapGet("/alliances/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.Alliances.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new AllianceDto(a.Id, a.Name, a.TimeZone, a.Schools.Count)).FirstOrDefaultAsync(ct) is { } dto
                ? Results.Ok(dto) : Problems.NotFound("Alliance", id)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<AllianceDto>();

        api.MapPut("/alliances/{id:long}", async (long id, AllianceRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var alliance = await db.Alliances.FindAsync([id], ct);
            if (alliance is null) return Problems.NotFound("Alliance", id);
            var c = Validate(r);
            if (!c.Ok) return c.Problem();
            alliance.Name = r.Name!.Trim();
            alliance.TimeZone = r.TimeZone ?? alliance.TimeZone;
            await db.SaveChangesAsync(ct);
            return Results.Ok(AllianceDto.From(alliance, await db.Schools.CountAsync(s => s.AllianceId == id, ct)));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<AllianceDto>().ProducesValidationProblem();

        api.MapDelete("/alliances/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(db.Alliances.Where(a => a.Id == id), "Alliance", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/alliances/{id:long}/schools", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Alliances.AnyAsync(a => a.Id == id, ct), "Alliance", id,
                () => db.Schools.AsNoTracking().Where(s => s.AllianceId == id).OrderBy(s => s.Id).ToListAsync(ct), SchoolDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<List<SchoolDto>>();

        api.MapPost("/alliances/{id:long}/schools", async (long id, SchoolRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound("Alliance", id);
            var c = new Checks();
            var school = Inputs.School(r, c);
            if (school is null) return c.Problem();
            if (await db.Schools.AnyAsync(s => s.AllianceId == id && s.Code == school.Code, ct))
                return Problems.Validation("code", $"A school with code '{school.Code}' already exists in this alliance.");
            if (school.IsLead && await db.Schools.AnyAsync(s => s.AllianceId == id && s.IsLead, ct))
                return Problems.Validation("isLead", "The alliance already has a lead school (1+X: one lead school).");
            school.AllianceId = id;
            db.Schools.Add(school);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/schools/{school.Id}", SchoolDto.From(school));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<SchoolDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapGet("/schools/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? Results.Ok(SchoolDto.From(s)) : Problems.NotFound("School", id)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.School))
            .Produces<SchoolDto>();

        api.MapPut("/schools/{id:long}", async (long id, SchoolRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var school = await db.Schools.FindAsync([id], ct);
            if (school is null) return Problems.NotFound("School", id);
            var c = new Checks();
            var updated = Inputs.School(r, c);
            if (updated is null) return c.Problem();
            if (await db.Schools.AnyAsync(s => s.AllianceId == school.AllianceId && s.Code == updated.Code && s.Id != id, ct))
                return Problems.Validation("code", $"A school with code '{updated.Code}' already exists in this alliance.");
            (school.Name, school.Code, school.IsLead, school.LinkMbps) = (updated.Name, updated.Code, updated.IsLead, updated.LinkMbps);
            if (r.StageRecordingConsent is { } consent) school.StageRecordingConsent = consent;
            await db.SaveChangesAsync(ct);
            return Results.Ok(SchoolDto.From(school));
        }).WithMetadata(new AccessRule(Permission.Administer, ResourceKind.School))
            .Produces<SchoolDto>().ProducesValidationProblem();

        api.MapDelete("/schools/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (await db.LeadLessons.AnyAsync(l => l.SchoolId == id, ct))
                return Problems.Conflict($"School {id} still has lead lessons; delete them first.");
            return await Crud.DeleteAsync(db.Schools.Where(s => s.Id == id), "School", id, ct);
        }).WithMetadata(new AccessRule(Permission.Administer, ResourceKind.School))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    private static Checks Validate(AllianceRequest r)
    {
        var c = new Checks().Require("name", r.Name);
        if (r.TimeZone is not null)
        {
            try { TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone); }
            catch (TimeZoneNotFoundException) { c.Add("timeZone", $"Unknown time zone '{r.TimeZone}' (use an IANA id such as Asia/Shanghai)."); }
        }

        return c;
    }
}
