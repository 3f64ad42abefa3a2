using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>Classrooms, studios and teachers of a school.</summary>
public static class SchoolResourceEndpoints
{
    public static RouteGroupBuilder MapSchoolResources(this RouteGroupBuilder api)
    {
        api.MapGet("/schools/{id:long}/classrooms", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Schools.AnyAsync(s => s.Id == id, ct), "School", id,
                () => db.Classrooms.AsNoTracking().Include(c => c.Roster).Where(c => c.SchoolId == id).OrderBy(c => c.Grade).ThenBy(c => c.ClassName).ToListAsync(ct), ClassroomDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.School))
            .Produces<List<ClassroomDto>>();

        api.MapPost("/schools/{id:long}/classrooms", async (long id, ClassroomRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Schools.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("School", id);
            var room = new ClassroomRoom { SchoolId = id, ClassName = string.Empty, KioskKeyHash = SecretKeys.UnknownHash(), FeedKeyHash = SecretKeys.UnknownHash() };
            var c = new Checks();
            Inputs.Apply(r, room, c);
            if (!c.Ok) return c.Problem();
            if (await db.Classrooms.AnyAsync(x => x.SchoolId == id && x.ClassName == room.ClassName, ct))
                return Problems.Validation("className", $"Class '{room.ClassName}' already exists in this school.");
            db.Classrooms.Add(room);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/classrooms/{room.Id}", ClassroomDto.From(room));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.School))
            .Produces<ClassroomDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapGet("/classrooms/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.Classrooms.AsNoTracking().Include(c => c.Roster).FirstOrDefaultAsync(c => c.Id == id, ct) is { } room
                ? Results.Ok(ClassroomDto.From(room)) : Problems.NotFound("Classroom", id)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Classroom))
            .Produces<ClassroomDto>();

        api.MapPut("/classrooms/{id:long}", async (long id, ClassroomRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            var room = await db.Classrooms.Include(c => c.Roster).FirstOrDefaultAsync(c => c.Id == id, ct);
            if (room is null) return Problems.NotFound("Classroom", id);
            var c = new Checks();
            Inputs.Apply(r, room, c);
            if (!c.Ok) return c.Problem();
            await db.SaveChangesAsync(ct);
            return Results.Ok(ClassroomDto.From(room));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces<ClassroomDto>().ProducesValidationProblem();

        api.MapDelete("/classrooms/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(db.Classrooms.Where(c => c.Id == id), "Classroom", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces(StatusCodes.Status204NoContent);

        api.MapGet("/schools/{id:long}/studios", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Schools.AnyAsync(s => s.Id == id, ct), "School", id,
                () => db.Studios.AsNoTracking().Where(s => s.SchoolId == id).OrderBy(s => s.Id).ToListAsync(ct), StudioDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.School))
            .Produces<List<StudioDto>>();

        api.MapPost("/schools/{id:long}/studios", async (long id, StudioRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Schools.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("School", id);
            var c = new Checks().Require("name", r.Name, 100);
            if (!c.Ok) return c.Problem();
            var studio = new Studio { SchoolId = id, Name = r.Name!.Trim() };
            db.Studios.Add(studio);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/studios/{studio.Id}", StudioDto.From(studio));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.School))
            .Produces<StudioDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapDelete("/studios/{id:long}", async (long id, HttpRequest request, SchedulerDbContext db, CancellationToken ct) =>
            await db.LeadLessons.AnyAsync(l => l.StudioId == id, ct) ? Problems.Conflict(CallerLanguage.Pick(request,
                $"录播室 {id} 还有主讲课或预约在用，先取消它们再删除。", $"Studio {id} is used by lead lessons or bookings; cancel them before deleting it."))
            : await Crud.DeleteAsync(db.Studios.Where(s => s.Id == id), "Studio", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Studio))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/schools/{id:long}/teachers", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(db.Schools.AnyAsync(s => s.Id == id, ct), "School", id,
                () => db.Teachers.AsNoTracking().Where(t => t.SchoolId == id).OrderBy(t => t.Id).ToListAsync(ct), TeacherDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.School))
            .Produces<List<TeacherDto>>();

        api.MapPost("/schools/{id:long}/teachers", async (long id, TeacherRequest r, SchedulerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Schools.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound("School", id);
            var c = new Checks().Require("name", r.Name, 100);
            if (!c.Ok) return c.Problem();
            var teacher = new Teacher { SchoolId = id, Name = r.Name!.Trim(), FeedKeyHash = SecretKeys.UnknownHash() };
            db.Teachers.Add(teacher);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/teachers/{teacher.Id}", TeacherDto.From(teacher));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.School))
            .Produces<TeacherDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapDelete("/teachers/{id:long}", async (long id, SchedulerDbContext db, CancellationToken ct) =>
            await db.LeadLessons.AnyAsync(l => l.TeacherId == id, ct) ? Problems.Conflict($"Teacher {id} still teaches lead lessons.")
            : await Crud.DeleteAsync(db.Teachers.Where(t => t.Id == id), "Teacher", id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Teacher))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
