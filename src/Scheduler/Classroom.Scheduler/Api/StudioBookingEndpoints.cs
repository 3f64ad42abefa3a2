using Classroom.Contracts.Access;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Solving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Studio bookings: a teacher books (and cancels) under their own teacher record; the studio's
/// school and alliance admins list a studio's bookings. A booking queues a solve of its week so
/// its rooms are paired (docs/scheduler.md "Studio booking").
/// </summary>
public static class StudioBookingEndpoints
{
    public static RouteGroupBuilder MapStudioBookings(this RouteGroupBuilder api)
    {
        api.MapPost("/teachers/{id:long}/bookings", async (long id, BookingRequest r, HttpContext http, SchedulerDbContext db, StudioBookings bookings,
            SolveJobQueue queue, CancellationToken ct) =>
        {
            var (lesson, refusal) = await bookings.BookAsync(id, r, ct);
            if (refusal is not null) return Refused(http, refusal);
            var week = AllianceClock.WeekStart(lesson!.OneOffDate!.Value);
            var entangled = await DistrictPolicy.EntangledWithAsync(db, lesson.AllianceId, ct);
            var (job, _) = await queue.EnqueueAsync(lesson.AllianceId, week, week.AddDays(6), ct, districtWide: entangled.Count > 0);
            var location = job.DistrictWide ? DistrictEndpoints.JobLocation(job.Id) : SolveJobEndpoints.Location(lesson.AllianceId, job.Id);
            return Results.Created($"/api/teachers/{id}/bookings/{lesson.Id}", await BookingView.OfAsync(db, lesson, location, ct));
        }).WithMetadata(new AccessRule(Permission.Teach, ResourceKind.Teacher))
            .Produces<BookingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();

        api.MapGet("/teachers/{id:long}/bookings", async (long id, SchedulerDbContext db, CancellationToken ct) =>
        {
            var lessons = await db.LeadLessons.AsNoTracking().Where(l => l.TeacherId == id && l.OneOffDate != null).OrderBy(l => l.OneOffDate).ToListAsync(ct);
            var views = new List<BookingView>();
            foreach (var l in lessons) views.Add(await BookingView.OfAsync(db, l, null, ct));
            return Results.Ok(views);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Teacher)).Produces<IReadOnlyList<BookingView>>();

        api.MapGet("/studios/{id:long}/bookings", async (long id, DateOnly? from, DateOnly? to, SchedulerDbContext db, CancellationToken ct) =>
        {
            var lessons = await db.LeadLessons.AsNoTracking()
                .Where(l => l.StudioId == id && l.OneOffDate != null && (from == null || l.OneOffDate >= from) && (to == null || l.OneOffDate <= to))
                .OrderBy(l => l.OneOffDate).ToListAsync(ct);
            var views = new List<BookingView>();
            foreach (var l in lessons) views.Add(await BookingView.OfAsync(db, l, null, ct));
            return Results.Ok(views);
        }).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Studio)).Produces<IReadOnlyList<BookingView>>();

        api.MapDelete("/teachers/{id:long}/bookings/{bookingId:long}", async (long id, long bookingId, SchedulerDbContext db, CancellationToken ct) =>
        {
            var lesson = await db.LeadLessons.FirstOrDefaultAsync(l => l.Id == bookingId && l.TeacherId == id && l.OneOffDate != null, ct);
            if (lesson is null) return Problems.NotFound("Booking", bookingId);
            await db.Pairings.Where(p => p.LeadLessonId == bookingId).ExecuteDeleteAsync(ct);
            db.LeadLessons.Remove(lesson);
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Teach, ResourceKind.Teacher))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IResult Refused(HttpContext http, BookingRefusal r)
    {
        var text = CallerLanguage.Pick(http.Request, r.Zh, r.En);
        if (r.Status == StatusCodes.Status400BadRequest) return Problems.Validation(r.Field, text);
        return Results.Problem(statusCode: r.Status, title: CallerLanguage.Pick(http.Request, "无法预约", "Cannot book"), detail: text,
            extensions: new Dictionary<string, object?> { ["code"] = r.Code, ["field"] = r.Field });
    }
}

/// <summary>A booking as the API shows it: its lesson occurrence, where and when, and the rooms (chosen, and paired so far).</summary>
public sealed record BookingView(long Id, string LessonId, long StudioId, string StudioName, DateOnly Date, string PeriodName, string Subject, int Grade,
    long TeacherId, IReadOnlyList<long> ChosenRooms, IReadOnlyList<long> PairedRooms, string? SolveJob)
{
    public static async Task<BookingView> OfAsync(SchedulerDbContext db, LeadLesson l, string? solveJob, CancellationToken ct)
    {
        var studio = await db.Studios.AsNoTracking().Where(s => s.Id == l.StudioId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        var lessonId = StudioBookings.LessonId(l);
        var paired = await db.Pairings.AsNoTracking().Where(p => p.LessonId == lessonId).Select(p => p.ClassroomId).Distinct().ToListAsync(ct);
        return new(l.Id, lessonId, l.StudioId, studio, l.OneOffDate!.Value, l.PeriodName, l.Subject, l.Grade, l.TeacherId,
            [.. StudioBookings.RoomIds(l)], [.. paired.Order()], solveJob);
    }
}
