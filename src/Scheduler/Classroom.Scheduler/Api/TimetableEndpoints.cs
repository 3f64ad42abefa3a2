using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>Bell schedules of a school and terms of an alliance.</summary>
public static class TimetableEndpoints
{
    public static RouteGroupBuilder MapTimetables(this RouteGroupBuilder api)
    {
        api.MapGet("/schools/{id:long}/bell-schedules", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Schools.AnyAsync(s => s.Id == id, ct), "School", id,
                () => db.BellSchedules.AsNoTracking().Include(b => b.Periods).Where(b => b.SchoolId == id).OrderBy(b => b.Id).ToListAsync(ct), BellScheduleDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.School))
            .Produces<List<BellScheduleDto>>();

        api.MapPost("/schools/{id:long}/bell-schedules", async (long id, BellScheduleRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Schools.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("School", id);
            var c = Checks.For(http.Request);
            var schedule = Inputs.BellSchedule(r, c);
            if (schedule is null) return c.Problem();
            schedule.SchoolId = id;
            db.BellSchedules.Add(schedule);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/bell-schedules/{schedule.Id}", BellScheduleDto.From(schedule));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.School))
            .Produces<BellScheduleDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapGet("/bell-schedules/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.BellSchedules.AsNoTracking().Include(b => b.Periods).FirstOrDefaultAsync(b => b.Id == id, ct) is { } b
                ? Results.Ok(BellScheduleDto.From(b)) : Problems.NotFound("Bell schedule", id)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.BellSchedule))
            .Produces<BellScheduleDto>();

        api.MapPut("/bell-schedules/{id:long}", async (long id, BellScheduleRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var existing = await db.BellSchedules.Include(b => b.Periods).FirstOrDefaultAsync(b => b.Id == id, ct);
            if (existing is null) return Problems.NotFound("Bell schedule", id);
            var c = Checks.For(http.Request);
            var updated = Inputs.BellSchedule(r, c);
            if (updated is null) return c.Problem();
            (existing.Name, existing.ValidFrom, existing.ValidTo) = (updated.Name, updated.ValidFrom, updated.ValidTo);
            (existing.SeasonFrom, existing.SeasonTo) = (updated.SeasonFrom, updated.SeasonTo);
            db.BellPeriods.RemoveRange(existing.Periods);
            existing.Periods = updated.Periods;
            await db.SaveChangesAsync(ct);
            return Results.Ok(BellScheduleDto.From(existing));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.BellSchedule))
            .Produces<BellScheduleDto>().ProducesValidationProblem();

        api.MapDelete("/bell-schedules/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(db.BellSchedules.Where(b => b.Id == id), "Bell schedule", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.BellSchedule))
            .Produces(StatusCodes.Status204NoContent);

        api.MapGet("/alliances/{id:long}/terms", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Alliances.AnyAsync(a => a.Id == id, ct), "Alliance", id,
                () => db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == id).OrderBy(t => t.FirstDay).ToListAsync(ct), TermDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<List<TermDto>>();

        api.MapPost("/alliances/{id:long}/terms", async (long id, TermRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound("Alliance", id);
            var c = Checks.For(http.Request);
            var term = Inputs.Term(r, c);
            if (term is null) return c.Problem();
            if (await OverlapsAsync(db, id, term, null, ct)) return OverlapProblem(http, district: false);
            term.AllianceId = id;
            db.Terms.Add(term);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/terms/{term.Id}", TermDto.From(term));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<TermDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapGet("/terms/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.Terms.AsNoTracking().Include(t => t.SpecialDays).FirstOrDefaultAsync(t => t.Id == id, ct) is { } t
                ? Results.Ok(TermDto.From(t)) : Problems.NotFound("Term", id)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Term))
            .Produces<TermDto>();

        api.MapPut("/terms/{id:long}", async (long id, TermRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var existing = await db.Terms.Include(t => t.SpecialDays).FirstOrDefaultAsync(t => t.Id == id, ct);
            if (existing is null) return Problems.NotFound("Term", id);
            var c = Checks.For(http.Request);
            var updated = Inputs.Term(r, c);
            if (updated is null) return c.Problem();
            if (await OverlapsAsync(db, existing.AllianceId, updated, id, ct)) return OverlapProblem(http, district: existing.AllianceId is null);
            (existing.Name, existing.FirstDay, existing.LastDay) = (updated.Name, updated.FirstDay, updated.LastDay);
            db.TermDays.RemoveRange(existing.SpecialDays);
            existing.SpecialDays = updated.SpecialDays;
            await db.SaveChangesAsync(ct);
            return Results.Ok(TermDto.From(existing));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Term))
            .Produces<TermDto>().ProducesValidationProblem();

        api.MapDelete("/terms/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(db.Terms.Where(t => t.Id == id), "Term", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Term))
            .Produces(StatusCodes.Status204NoContent);

        return api;
    }

    /// <summary>The refusal of a term that overlaps another of the same alliance (or of the district, for a district term).</summary>
    internal static IResult OverlapProblem(HttpContext http, bool district) => district
        ? Problems.Validation("firstDay", CallerLanguage.Pick(http.Request, "该学期与区县的另一个学期重叠。", "The term overlaps another term of the district."))
        : Problems.Validation("firstDay", CallerLanguage.Pick(http.Request, "该学期与本联盟的另一个学期重叠。", "The term overlaps another term of this alliance."));

    internal static Task<bool> OverlapsAsync(SchedulerDbContext db, long? allianceId, Term term, long? except, CancellationToken ct) =>
        db.Terms.AnyAsync(t => t.AllianceId == allianceId && t.Id != (except ?? 0) && t.FirstDay <= term.LastDay && term.FirstDay <= t.LastDay, ct);
}
