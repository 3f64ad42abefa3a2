using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Solving;

/// <summary>What a teacher asks to book: a period of the studio's school on a date, what is taught, and optionally the rooms.</summary>
public sealed record BookingRequest(long StudioId, DateOnly Date, string? PeriodName, string? Subject, int Grade, IReadOnlyList<long>? Rooms, double BitrateMbps = 2.0);

/// <summary>Why a booking was refused: a stable code and the reason in both languages (the caller's is picked by the endpoint).</summary>
public sealed record BookingRefusal(int Status, string Code, string Field, string Zh, string En);

/// <summary>
/// Studio booking (总校的录播室也对各分校开放): a teacher of the alliance books the lead school's
/// studio for one period on one date. The booking is a one-off lead lesson (<see cref="LeadLesson.OneOffDate"/>)
/// with its own occurrence id, so the roster, hub, relay and recorder treat it like any lesson;
/// its rooms are chosen by hand (each a demand tied to that lesson) or paired by the solver from
/// demand. Refused with the reason when the studio or the teacher is busy at that time, the
/// period does not ring that day, or the date is not a school day (docs/scheduler.md "Studio booking").
/// </summary>
public sealed class StudioBookings(SchedulerDbContext db)
{
    public static IEnumerable<long> RoomIds(LeadLesson lesson) => DistrictPolicy.ParseIds(lesson.BookedRooms);

    /// <summary>Books for <paramref name="teacherId"/>; the lesson, or a refusal.</summary>
    public async Task<(LeadLesson? Lesson, BookingRefusal? Refusal)> BookAsync(long teacherId, BookingRequest r, CancellationToken ct)
    {
        var teacher = await db.Teachers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teacherId, ct);
        var teacherSchool = teacher is null ? null : await db.Schools.AsNoTracking().FirstAsync(s => s.Id == teacher.SchoolId, ct);
        var studio = await db.Studios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.StudioId, ct);
        var studioSchool = studio is null ? null : await db.Schools.AsNoTracking().Include(s => s.BellSchedules).ThenInclude(b => b.Periods).FirstAsync(s => s.Id == studio.SchoolId, ct);
        if (teacher is null || teacherSchool is null) return Refuse(404, "not_found", "teacherId", $"教师 {teacherId} 不存在。", $"Teacher {teacherId} does not exist.");
        if (studio is null || studioSchool is null) return Refuse(400, "invalid", "studioId", $"录播室 {r.StudioId} 不存在。", $"Studio {r.StudioId} does not exist.");
        if (studioSchool.AllianceId != teacherSchool.AllianceId)
            return Refuse(400, "invalid", "studioId", "只能预约本联盟学校的录播室。", "Only a studio of a school in the teacher's alliance can be booked.");
        var period = r.PeriodName?.Trim();
        if (string.IsNullOrEmpty(period) || string.IsNullOrWhiteSpace(r.Subject) || r.Subject.Trim().Length > 50 || r.Grade is < 1 or > Api.Inputs.MaxGrade || r.BitrateMbps is < 0.1 or > 50)
            return Refuse(400, "invalid", "periodName", "请填写节次、学科（最多 50 字）、1–12 的年级和 0.1–50 Mbps 的码率。", "Give a period, a subject (up to 50 characters), a grade 1–12 and a bitrate of 0.1–50 Mbps.");

        var terms = await db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == studioSchool.AllianceId || t.AllianceId == null).ToListAsync(ct);
        if (new TermCalendar(terms).TimetableDay(r.Date) is not { } follows)
            return Refuse(409, "not_a_school_day", "date", $"{r.Date:yyyy-MM-dd} 不是上课日（不在学期内、是节假日或周末）。", $"{r.Date:yyyy-MM-dd} is not a school day (outside the term, a holiday or a weekend).");
        var slot = Slot(studioSchool, r.Date, follows, period);
        if (slot is null)
            return Refuse(409, "no_such_period", "periodName", $"{studioSchool.Name} 在 {r.Date:yyyy-MM-dd} 没有“{period}”这一节。", $"{studioSchool.Name} has no period '{period}' on {r.Date:yyyy-MM-dd}.");

        // Busy: every lesson of this studio or this teacher that occurs that day, at its own bell times.
        var candidates = await db.LeadLessons.AsNoTracking().Include(l => l.Teacher)
            .Where(l => (l.StudioId == studio.Id || l.TeacherId == teacherId) && (l.OneOffDate == null ? l.Weekday == follows : l.OneOffDate == r.Date))
            .ToListAsync(ct);
        foreach (var other in candidates)
        {
            var school = other.SchoolId == studioSchool.Id ? studioSchool
                : await db.Schools.AsNoTracking().Include(s => s.BellSchedules).ThenInclude(b => b.Periods).FirstAsync(s => s.Id == other.SchoolId, ct);
            if (Slot(school, r.Date, follows, other.PeriodName) is not { } at || at.End <= slot.Value.Start || slot.Value.End <= at.Start) continue;
            var what = $"{other.Subject}（{other.Teacher?.Name}，{other.PeriodName}）";
            var whatEn = $"{other.Subject} ({other.Teacher?.Name}, {other.PeriodName})";
            return other.StudioId == studio.Id
                ? Refuse(409, "studio_busy", "periodName", $"{studio.Name} 在 {r.Date:yyyy-MM-dd} {period} 已有课：{what}。", $"{studio.Name} is taken on {r.Date:yyyy-MM-dd} {period} by {whatEn}.")
                : Refuse(409, "teacher_busy", "periodName", $"{teacher.Name} 在 {r.Date:yyyy-MM-dd} {period} 已有课：{what}。", $"{teacher.Name} already teaches on {r.Date:yyyy-MM-dd} {period}: {whatEn}.");
        }

        var rooms = (r.Rooms ?? []).Distinct().ToList();
        if (rooms.Count > 0)
        {
            var found = await (from c in db.Classrooms.AsNoTracking()
                               join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                               where rooms.Contains(c.Id) && s.AllianceId == studioSchool.AllianceId && !s.IsLead
                               select c).ToListAsync(ct);
            var wrong = rooms.Where(id => found.Find(c => c.Id == id) is not { } c || !c.Grades.Contains(r.Grade)).ToList();
            if (wrong.Count > 0)
                return Refuse(400, "invalid", "rooms", $"这些教室不是本联盟成员校的 {r.Grade} 年级教室：{string.Join("、", wrong)}。",
                    $"These rooms are not grade-{r.Grade} rooms of the alliance's member schools: {string.Join(", ", wrong)}.");
        }

        var lesson = new LeadLesson
        {
            AllianceId = studioSchool.AllianceId, SchoolId = studioSchool.Id, Subject = r.Subject.Trim(), Grade = r.Grade, TeacherId = teacherId,
            StudioId = studio.Id, Weekday = follows, PeriodName = period, BitrateMbps = r.BitrateMbps, OneOffDate = r.Date,
            BookedRooms = rooms.Count > 0 ? DistrictPolicy.FormatIds(rooms) : null,
        };
        db.LeadLessons.Add(lesson);
        await db.SaveChangesAsync(ct);
        return (lesson, null);
    }

    /// <summary>The occurrence id a booking's lesson has.</summary>
    public static string LessonId(LeadLesson booking) => new LessonOccurrenceId(booking.Id, booking.OneOffDate!.Value).ToString();

    private static (TimeOnly Start, TimeOnly End)? Slot(School school, DateOnly date, DayOfWeek follows, string period)
    {
        var schedule = BellScheduleSelector.For(school.BellSchedules, date);
        return schedule is not null && BellScheduleSelector.Period(schedule, follows, period) is { } p ? (p.Start, p.End) : null;
    }

    private static (LeadLesson?, BookingRefusal?) Refuse(int status, string code, string field, string zh, string en) =>
        (null, new BookingRefusal(status, code, field, zh, en));
}
