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
            SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
            await BookAsync(id, r, $"/api/teachers/{id}/bookings", http, db, bookings, queue, clock, ct))
            .WithMetadata(new AccessRule(Permission.Teach, ResourceKind.Teacher))
            .Produces<BookingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();

        // The studio's admins (its school's, the alliance's, the district's) book it for a teacher of
        // the studio's school and cancel its bookings from the admin console (docs/admin-studios.md).
        api.MapPost("/studios/{id:long}/bookings", async (long id, StudioBookingRequest r, HttpContext http, SchedulerDbContext db, StudioBookings bookings,
            SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            var studioSchool = await db.Studios.AsNoTracking().Where(s => s.Id == id).Select(s => (long?)s.SchoolId).FirstOrDefaultAsync(ct);
            if (studioSchool is null) return NotFound(http, $"录播室 {id} 不存在。", $"Studio {id} does not exist.");
            if (!await db.Teachers.AnyAsync(t => t.Id == r.TeacherId && t.SchoolId == studioSchool, ct))
                return Problems.Validation("teacherId", CallerLanguage.Pick(http.Request, $"教师 {r.TeacherId} 不是本录播室所在学校的教师。",
                    $"Teacher {r.TeacherId} is not a teacher of the studio's school."));
            return await BookAsync(r.TeacherId, new BookingRequest(id, r.Date, r.PeriodName, r.Subject, r.Grade, r.Rooms, r.BitrateMbps),
                $"/api/studios/{id}/bookings", http, db, bookings, queue, clock, ct);
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Studio))
            .Produces<BookingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();

        api.MapDelete("/studios/{id:long}/bookings/{bookingId:long}", async (long id, long bookingId, HttpContext http, SchedulerDbContext db, SolveJobQueue queue,
            TimeProvider clock, CancellationToken ct) =>
        {
            var lesson = await db.LeadLessons.FirstOrDefaultAsync(l => l.Id == bookingId && l.StudioId == id && l.OneOffDate != null, ct);
            if (lesson is null) return NotFound(http, $"录播室 {id} 没有预约 {bookingId}。", $"Studio {id} has no booking {bookingId}.");
            await CancelAsync(db, queue, clock, lesson, ct);
            return Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Studio))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

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

        api.MapDelete("/teachers/{id:long}/bookings/{bookingId:long}", async (long id, long bookingId, HttpContext http, SchedulerDbContext db, SolveJobQueue queue,
            TimeProvider clock, CancellationToken ct) =>
        {
            var lesson = await db.LeadLessons.FirstOrDefaultAsync(l => l.Id == bookingId && l.TeacherId == id && l.OneOffDate != null, ct);
            if (lesson is null) return NotFound(http, $"没有预约 {bookingId}。", $"Booking {bookingId} does not exist.");
            await CancelAsync(db, queue, clock, lesson, ct);
            return Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Teach, ResourceKind.Teacher))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Books for the teacher; on success queues a solve of the booking's week so its rooms are paired.</summary>
    private static async Task<IResult> BookAsync(long teacherId, BookingRequest r, string location, HttpContext http, SchedulerDbContext db, StudioBookings bookings,
        SolveJobQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var (lesson, refusal) = await bookings.BookAsync(teacherId, r, ct);
        if (refusal is not null) return Refused(http, refusal);
        var jobLocation = await WeekResolve.QueueAsync(db, queue, clock, lesson!.AllianceId, [lesson.OneOffDate], ct);
        return Results.Created($"{location}/{lesson.Id}", await BookingView.OfAsync(db, lesson, jobLocation, ct));
    }

    /// <summary>Removes the booking and its pairings, and queues a solve of its week so the rooms it held can be paired elsewhere.</summary>
    private static async Task CancelAsync(SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, LeadLesson lesson, CancellationToken ct)
    {
        await db.Pairings.Where(p => p.LeadLessonId == lesson.Id).ExecuteDeleteAsync(ct);
        db.LeadLessons.Remove(lesson);
        await db.SaveChangesAsync(ct);
        await WeekResolve.QueueAsync(db, queue, clock, lesson.AllianceId, [lesson.OneOffDate], ct);
    }

    private static IResult NotFound(HttpContext http, string zh, string en) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: CallerLanguage.Pick(http.Request, "未找到", "Not found"), detail: CallerLanguage.Pick(http.Request, zh, en),
        extensions: new Dictionary<string, object?> { ["code"] = "not_found" });

    private static IResult Refused(HttpContext http, BookingRefusal r)
    {
        var text = CallerLanguage.Pick(http.Request, r.Zh, r.En);
        if (r.Status == StatusCodes.Status400BadRequest) return Problems.Validation(r.Field, text);
        return Results.Problem(statusCode: r.Status, title: CallerLanguage.Pick(http.Request, "无法预约", "Cannot book"), detail: text,
            extensions: new Dictionary<string, object?> { ["code"] = r.Code, ["field"] = r.Field });
    }
}

/// <summary>What a studio's admin books: the teacher (of the studio's school), then as <see cref="BookingRequest"/> without the studio.</summary>
public sealed record StudioBookingRequest(long TeacherId, DateOnly Date, string? PeriodName, string? Subject, int Grade, IReadOnlyList<long>? Rooms, double BitrateMbps = 2.0);

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
