using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>Lead lessons of an alliance and member demand of a classroom.</summary>
public static class LessonPlanEndpoints
{
    public static RouteGroupBuilder MapLessonPlans(this RouteGroupBuilder api)
    {
        api.MapGet("/alliances/{id:long}/lead-lessons", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Alliances.AnyAsync(a => a.Id == id, ct), "Alliance", id,
                () => db.LeadLessons.AsNoTracking().Where(l => l.AllianceId == id && l.OneOffDate == null).OrderBy(l => l.Weekday).ThenBy(l => l.Id).ToListAsync(ct), LeadLessonDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<List<LeadLessonDto>>();

        api.MapPost("/alliances/{id:long}/lead-lessons", async (long id, LeadLessonRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound("Alliance", id);
            var lesson = new LeadLesson { AllianceId = id, Subject = string.Empty, PeriodName = string.Empty };
            var problem = await ApplyAsync(db, id, lesson, r, ct);
            if (problem is not null) return problem;
            db.LeadLessons.Add(lesson);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/lead-lessons/{lesson.Id}", LeadLessonDto.From(lesson));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<LeadLessonDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/lead-lessons/{id:long}", async (long id, LeadLessonRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var lesson = await db.LeadLessons.FindAsync([id], ct);
            if (lesson is null) return Problems.NotFound("Lead lesson", id);
            var problem = await ApplyAsync(db, lesson.AllianceId, lesson, r, ct);
            if (problem is not null) return problem;
            await db.SaveChangesAsync(ct);
            return Results.Ok(LeadLessonDto.From(lesson));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.LeadLesson))
            .Produces<LeadLessonDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/lead-lessons/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(db.LeadLessons.Where(l => l.Id == id), "Lead lesson", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.LeadLesson))
            .Produces(StatusCodes.Status204NoContent);

        api.MapGet("/classrooms/{id:long}/demands", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Classrooms.AnyAsync(c => c.Id == id, ct), "Classroom", id,
                () => db.Demands.AsNoTracking().Include(d => d.Periods).Where(d => d.ClassroomId == id).OrderBy(d => d.Id).ToListAsync(ct), DemandDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Classroom))
            .Produces<List<DemandDto>>();

        api.MapPost("/classrooms/{id:long}/demands", async (long id, DemandRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var room = await db.Classrooms.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (room is null) return Problems.NotFound("Classroom", id);
            var c = new Checks();
            var demand = Inputs.Demand(r, c);
            if (demand is not null) Inputs.DemandGrade(demand, room, c);
            if (demand is null || !c.Ok) return c.Problem();
            demand.ClassroomId = id;
            db.Demands.Add(demand);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/demands/{demand.Id}", DemandDto.From(demand));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces<DemandDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapPut("/demands/{id:long}", async (long id, DemandRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var existing = await db.Demands.Include(d => d.Periods).Include(d => d.Classroom).FirstOrDefaultAsync(d => d.Id == id, ct);
            if (existing is null) return Problems.NotFound("Demand", id);
            var c = new Checks();
            var updated = Inputs.Demand(r, c);
            if (updated is not null) Inputs.DemandGrade(updated, existing.Classroom!, c);
            if (updated is null || !c.Ok) return c.Problem();
            (existing.Subject, existing.LessonsPerWeek, existing.Grade) = (updated.Subject, updated.LessonsPerWeek, updated.Grade);
            db.DemandPeriods.RemoveRange(existing.Periods);
            existing.Periods = updated.Periods;
            await db.SaveChangesAsync(ct);
            return Results.Ok(DemandDto.From(existing));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Demand))
            .Produces<DemandDto>().ProducesValidationProblem();

        api.MapDelete("/demands/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(db.Demands.Where(d => d.Id == id), "Demand", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Demand))
            .Produces(StatusCodes.Status204NoContent);

        return api;
    }

    /// <summary>
    /// Validates a lead lesson against the alliance: its school is the lead school, teacher and
    /// studio belong to it, and neither the teacher nor the studio already has a lesson in that slot.
    /// </summary>
    private static async Task<IResult?> ApplyAsync(SchedulerDbContext db, long allianceId, LeadLesson lesson, LeadLessonRequest r, CancellationToken ct)
    {
        var c = new Checks().Require("subject", r.Subject, 50).Require("periodName", r.PeriodName, 50)
            .Range("grade", r.Grade, 1, Inputs.MaxGrade).Range("bitrateMbps", r.BitrateMbps, 0.1, 50);
        c.When(!Enum.IsDefined(r.Weekday), "weekday", $"Unknown weekday '{r.Weekday}'.");
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.SchoolId && s.AllianceId == allianceId, ct);
        c.When(school is null, "schoolId", $"School {r.SchoolId} is not in alliance {allianceId}.");
        c.When(school is { IsLead: false }, "schoolId", "Lead lessons are taught by the lead school.");
        c.When(!await db.Teachers.AnyAsync(t => t.Id == r.TeacherId && t.SchoolId == r.SchoolId, ct), "teacherId", $"Teacher {r.TeacherId} is not at school {r.SchoolId}.");
        c.When(!await db.Studios.AnyAsync(s => s.Id == r.StudioId && s.SchoolId == r.SchoolId, ct), "studioId", $"Studio {r.StudioId} is not at school {r.SchoolId}.");
        if (!c.Ok) return c.Problem();

        var period = r.PeriodName!.Trim();
        var clash = await db.LeadLessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id != lesson.Id && l.OneOffDate == null && l.Weekday == r.Weekday && l.PeriodName == period
            && (l.TeacherId == r.TeacherId || l.StudioId == r.StudioId), ct);
        if (clash is not null)
            return Problems.Conflict($"Lead lesson {clash.Id} already uses that {(clash.TeacherId == r.TeacherId ? "teacher" : "studio")} on {r.Weekday} '{period}'.");

        lesson.SchoolId = r.SchoolId;
        lesson.Subject = r.Subject!.Trim();
        lesson.Grade = r.Grade;
        lesson.TeacherId = r.TeacherId;
        lesson.StudioId = r.StudioId;
        lesson.Weekday = r.Weekday;
        lesson.PeriodName = period;
        lesson.BitrateMbps = r.BitrateMbps;
        if (r.RecordingEnabled is { } record) lesson.RecordingEnabled = record; // absent: a new lesson records, an update keeps
        return null;
    }
}
