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

/// <summary>Lead lessons of an alliance and member demand of a classroom.</summary>
public static class LessonPlanEndpoints
{
    public static RouteGroupBuilder MapLessonPlans(this RouteGroupBuilder api)
    {
        // Weekly lessons first (by weekday), then the one-date lessons (make-up lessons and studio bookings: one store) by date.
        api.MapGet("/alliances/{id:long}/lead-lessons", async (long id, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(http.Request, db.Alliances.AnyAsync(a => a.Id == id, ct), AllianceName, id,
                () => db.LeadLessons.AsNoTracking().Where(l => l.AllianceId == id).OrderBy(l => l.OneOffDate != null).ThenBy(l => l.OneOffDate).ThenBy(l => l.Weekday).ThenBy(l => l.Id).ToListAsync(ct), LeadLessonDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Alliance))
            .Produces<List<LeadLessonDto>>();

        // A one-date lesson added, moved, changed or deleted queues a solve of its week(s), as a studio booking does.
        api.MapPost("/alliances/{id:long}/lead-lessons", async (long id, LeadLessonRequest r, HttpContext http, SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            if (!await db.Alliances.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound(http.Request, AllianceName.Zh, AllianceName.En, id);
            var lesson = new LeadLesson { AllianceId = id, Subject = string.Empty, PeriodName = string.Empty };
            var problem = await ApplyAsync(db, id, lesson, r, Checks.For(http.Request), ct);
            if (problem is not null) return problem;
            db.LeadLessons.Add(lesson);
            await db.SaveChangesAsync(ct);
            var job = await WeekResolve.QueueAsync(db, queue, clock, id, [lesson.OneOffDate], ct);
            return Results.Created($"/api/lead-lessons/{lesson.Id}", LeadLessonDto.From(lesson) with { SolveJob = job });
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<LeadLessonDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/lead-lessons/{id:long}", async (long id, LeadLessonRequest r, HttpContext http, SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            var lesson = await db.LeadLessons.FindAsync([id], ct);
            if (lesson is null) return Problems.NotFound(http.Request, LeadLessonName.Zh, LeadLessonName.En, id);
            var before = lesson.OneOffDate;
            var problem = await ApplyAsync(db, lesson.AllianceId, lesson, r, Checks.For(http.Request), ct);
            if (problem is not null) return problem;
            await db.SaveChangesAsync(ct);
            var job = await WeekResolve.QueueAsync(db, queue, clock, lesson.AllianceId, [before, lesson.OneOffDate], ct);
            return Results.Ok(LeadLessonDto.From(lesson) with { SolveJob = job });
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.LeadLesson))
            .Produces<LeadLessonDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/lead-lessons/{id:long}", async (long id, HttpContext http, SchedulerDbContext db, SolveJobQueue queue, TimeProvider clock, CancellationToken ct) =>
        {
            var once = await db.LeadLessons.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.AllianceId, l.OneOffDate }).FirstOrDefaultAsync(ct);
            var result = await Crud.DeleteAsync(http.Request, db.LeadLessons.Where(l => l.Id == id), LeadLessonName, id, ct);
            if (once is { OneOffDate: not null }) await WeekResolve.QueueAsync(db, queue, clock, once.AllianceId, [once.OneOffDate], ct);
            return result;
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.LeadLesson))
            .Produces(StatusCodes.Status204NoContent);

        api.MapGet("/classrooms/{id:long}/demands", async (long id, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.ListAsync(http.Request, db.Classrooms.AnyAsync(c => c.Id == id, ct), ClassroomName, id,
                () => db.Demands.AsNoTracking().Include(d => d.Periods).Where(d => d.ClassroomId == id).OrderBy(d => d.Id).ToListAsync(ct), DemandDto.From)).WithMetadata(new AccessRule(Permission.Read, ResourceKind.Classroom))
            .Produces<List<DemandDto>>();

        api.MapPost("/classrooms/{id:long}/demands", async (long id, DemandRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var room = await db.Classrooms.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (room is null) return Problems.NotFound(http.Request, ClassroomName.Zh, ClassroomName.En, id);
            var c = Checks.For(http.Request);
            var demand = Inputs.Demand(r, c);
            if (demand is not null) Inputs.DemandGrade(demand, room, c);
            if (demand is null || !c.Ok) return c.Problem();
            demand.ClassroomId = id;
            db.Demands.Add(demand);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/demands/{demand.Id}", DemandDto.From(demand));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom))
            .Produces<DemandDto>(StatusCodes.Status201Created).ProducesValidationProblem();

        api.MapPut("/demands/{id:long}", async (long id, DemandRequest r, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
        {
            var existing = await db.Demands.Include(d => d.Periods).Include(d => d.Classroom).FirstOrDefaultAsync(d => d.Id == id, ct);
            if (existing is null) return Problems.NotFound(http.Request, DemandName.Zh, DemandName.En, id);
            var c = Checks.For(http.Request);
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

        api.MapDelete("/demands/{id:long}", async (long id, HttpContext http, SchedulerDbContext db, CancellationToken ct) =>
            await Crud.DeleteAsync(http.Request, db.Demands.Where(d => d.Id == id), DemandName, id, ct)).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Demand))
            .Produces(StatusCodes.Status204NoContent);

        return api;
    }

    // What a 404 calls each resource, in Chinese and English.
    private static readonly (string Zh, string En) AllianceName = ("联盟", "Alliance"), LeadLessonName = ("主讲课", "Lead lesson"),
        ClassroomName = ("教室", "Classroom"), DemandName = ("听课需求", "Demand");

    private static readonly string[] ChineseDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>
    /// Validates a lead lesson against the alliance: its school is the lead school, teacher and
    /// studio belong to it, and neither the teacher nor the studio already has a lesson in that slot.
    /// Messages in the caller's language (<paramref name="c"/> from <see cref="Checks.For"/>).
    /// </summary>
    private static async Task<IResult?> ApplyAsync(SchedulerDbContext db, long allianceId, LeadLesson lesson, LeadLessonRequest r, Checks c, CancellationToken ct)
    {
        c.When(string.IsNullOrWhiteSpace(r.Subject), "subject", "请填写科目。", "Enter the subject.");
        c.When(r.Subject is { Length: > 50 }, "subject", "科目超过 50 个字符。", "The subject is longer than 50 characters.");
        c.When(string.IsNullOrWhiteSpace(r.PeriodName), "periodName", "请选择节次。", "Choose the period.");
        c.When(r.PeriodName is { Length: > 50 }, "periodName", "节次名称超过 50 个字符。", "The period's name is longer than 50 characters.");
        c.When(r.Grade is < 1 or > Inputs.MaxGrade, "grade", $"年级须在 1 到 {Inputs.MaxGrade} 之间（收到 {r.Grade}）。", $"The grade must be between 1 and {Inputs.MaxGrade} (got {r.Grade}).");
        c.When(double.IsNaN(r.BitrateMbps) || r.BitrateMbps < 0.1 || r.BitrateMbps > 50, "bitrateMbps",
            $"码率须在 0.1 到 50 Mbps 之间（收到 {r.BitrateMbps}）。", $"The bitrate must be between 0.1 and 50 Mbps (got {r.BitrateMbps}).");
        c.When(!Enum.IsDefined(r.Weekday), "weekday", $"没有“{r.Weekday}”这个星期几。", $"Unknown weekday '{r.Weekday}'.");
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.SchoolId && s.AllianceId == allianceId, ct);
        c.When(school is null, "schoolId", $"学校 {r.SchoolId} 不在联盟 {allianceId} 里。", $"School {r.SchoolId} is not in alliance {allianceId}.");
        c.When(school is { IsLead: false }, "schoolId", $"“{school?.Name}”不是主讲学校：主讲课由主讲学校开设。", "Lead lessons are taught by the lead school.");
        c.When(!await db.Teachers.AnyAsync(t => t.Id == r.TeacherId && t.SchoolId == r.SchoolId, ct), "teacherId",
            $"教师 {r.TeacherId} 不在学校 {r.SchoolId}。", $"Teacher {r.TeacherId} is not at school {r.SchoolId}.");
        c.When(!await db.Studios.AnyAsync(s => s.Id == r.StudioId && s.SchoolId == r.SchoolId, ct), "studioId",
            $"录播室 {r.StudioId} 不在学校 {r.SchoolId}。", $"Studio {r.StudioId} is not at school {r.SchoolId}.");
        if (!c.Ok) return c.Problem();

        var period = r.PeriodName!.Trim();
        var weekday = r.Weekday;
        if (r.OneOffDate is { } date)
        {
            // A one-date lesson: the date must be a school day of the alliance's terms (its weekday is the one it follows, 调休
            // included) and the lead school's bells of that date must have the period, as for a studio booking.
            var terms = await db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == allianceId || t.AllianceId == null).ToListAsync(ct);
            if (new TermCalendar(terms).TimetableDay(date) is not { } follows)
                return c.Add("oneOffDate", $"{date:yyyy-MM-dd} 不是上课日（不在学期内、是节假日或周末）。", $"{date:yyyy-MM-dd} is not a school day (outside the term, a holiday or a weekend).").Problem();
            var bells = await db.BellSchedules.AsNoTracking().Include(b => b.Periods).Where(b => b.SchoolId == r.SchoolId).ToListAsync(ct);
            if (BellScheduleSelector.For(bells, date) is not { } schedule || BellScheduleSelector.Period(schedule, follows, period) is null)
                return c.Add("periodName", $"{school!.Name} 在 {date:yyyy-MM-dd} 没有“{period}”这一节。", $"{school!.Name} has no period '{period}' on {date:yyyy-MM-dd}.").Problem();
            weekday = follows;
        }

        // The same teacher or studio in the same period: weekly against weekly; a one-date lesson against the weekly lessons of
        // the weekday its date follows and the one-date lessons of that date.
        var once = r.OneOffDate;
        var clash = await db.LeadLessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id != lesson.Id && l.PeriodName == period
            && (l.TeacherId == r.TeacherId || l.StudioId == r.StudioId)
            && (once == null ? l.OneOffDate == null && l.Weekday == weekday : (l.OneOffDate == null ? l.Weekday == weekday : l.OneOffDate == once)), ct);
        if (clash is not null)
        {
            var teacher = clash.TeacherId == r.TeacherId;
            var whenEn = once is { } d1 ? $"{d1:yyyy-MM-dd}" : weekday.ToString();
            var whenZh = once is { } d2 ? $"{d2:yyyy-MM-dd}" : ChineseDays[(int)weekday];
            return Problems.Conflict(c.English
                ? $"Lead lesson {clash.Id} ({clash.Subject}, grade {clash.Grade}) already uses that {(teacher ? "teacher" : "studio")} on {whenEn} '{period}'."
                : $"{whenZh}“{period}”该{(teacher ? "教师" : "录播室")}已有主讲课 {clash.Id}（{clash.Subject}，{clash.Grade} 年级）。",
                c.English ? "Conflict" : "冲突");
        }

        lesson.SchoolId = r.SchoolId;
        lesson.Subject = r.Subject!.Trim();
        lesson.Grade = r.Grade;
        lesson.TeacherId = r.TeacherId;
        lesson.StudioId = r.StudioId;
        lesson.Weekday = weekday;
        lesson.OneOffDate = r.OneOffDate;
        lesson.PeriodName = period;
        lesson.BitrateMbps = r.BitrateMbps;
        if (r.RecordingEnabled is { } record) lesson.RecordingEnabled = record; // absent: a new lesson records, an update keeps
        return null;
    }
}
