using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Solving;

/// <summary>Resolves a lesson occurrence id to its times, teacher, studio and paired rooms.</summary>
public sealed class LessonDirectory(SchedulerDbContext db)
{
    public async Task<LessonRosterDto?> FindAsync(string lessonId, CancellationToken ct)
    {
        if (!LessonOccurrenceId.TryParse(lessonId, out var id)) return null;
        var lesson = await db.LeadLessons.AsNoTracking().Include(l => l.Teacher).Include(l => l.Studio)
            .FirstOrDefaultAsync(l => l.Id == id.LeadLessonId, ct);
        if (lesson is null || (lesson.OneOffDate is { } once && once != id.Date)) return null;
        var alliance = await db.Alliances.AsNoTracking().FirstAsync(a => a.Id == lesson.AllianceId, ct);
        var terms = await db.Terms.AsNoTracking().Include(t => t.SpecialDays).Where(t => t.AllianceId == lesson.AllianceId || t.AllianceId == null).ToListAsync(ct);
        if (new TermCalendar(terms).TimetableDay(id.Date) is not { } follows || !LessonTimes.TaughtOn(lesson, id.Date, follows)) return null;

        var schedules = await db.BellSchedules.AsNoTracking().Include(b => b.Periods).Where(b => b.SchoolId == lesson.SchoolId).ToListAsync(ct);
        if (LessonTimes.Bells(schedules, id.Date, follows, lesson.PeriodName, AllianceClock.Zone(alliance.TimeZone)) is not { } bells) return null;

        var key = id.ToString();
        var rooms = await (from p in db.Pairings.AsNoTracking()
                           where p.LessonId == key
                           join c in db.Classrooms.AsNoTracking() on p.ClassroomId equals c.Id
                           join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                           orderby s.Id, c.Id
                           select new LessonRoomDto(c.Id, c.ClassName, s.Id, s.Name, c.Roster.Count)).ToListAsync(ct);

        return new LessonRosterDto(key, lesson.AllianceId, lesson.Id, lesson.Subject, lesson.Grade,
            bells.Start, bells.End,
            lesson.TeacherId, lesson.Teacher?.Name ?? string.Empty, lesson.SchoolId, lesson.StudioId, lesson.Studio?.Name ?? string.Empty,
            rooms.DistinctBy(r => r.ClassroomId).ToList());
    }
}
