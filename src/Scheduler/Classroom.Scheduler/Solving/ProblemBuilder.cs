using System.Globalization;
using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Solving;

/// <summary>
/// Expands an alliance's weekly lead lessons and member demand over a date range into absolute
/// times: each school's own seasonal bell schedule, the term calendar (holidays, 调休) and the
/// alliance's time zone are applied here, so the solver sees only instants. Member links are
/// scaled by the alliance's uplink share. A demand is for its own grade (one of a mixed-grade
/// room's) and may take lessons of the alliances the district's policy allows.
/// </summary>
public static class ProblemBuilder
{
    public sealed record Built(PairingProblem Problem, IReadOnlyList<string> Warnings);

    public static Built Build(AllianceSnapshot snapshot, DateOnly from, DateOnly to,
        IReadOnlyList<PreviousPairing> previous, PairingSettings settings, double uplinkShare = 1.0, IReadOnlySet<long>? lessonAlliances = null)
    {
        var zone = AllianceClock.Zone(snapshot.Alliance.TimeZone);
        var calendar = new TermCalendar(snapshot.Terms);
        var days = calendar.SchoolDays(from, to).ToList();
        var weeks = Math.Max(1, (int)Math.Ceiling((to.DayNumber - from.DayNumber + 1) / 7.0));
        var warnings = new List<string>();
        var lessons = new List<LessonSlot>();

        foreach (var lesson in snapshot.LeadLessons)
        {
            var school = snapshot.SchoolOf(lesson.SchoolId);
            if (school is null) continue;
            foreach (var (date, follows) in days.Where(d => LessonTimes.TaughtOn(lesson, d.Date, d.Follows)))
            {
                if (LessonTimes.Bells(school.BellSchedules, date, follows, lesson.PeriodName, zone) is not { } bells)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture,
                        $"Lead lesson {lesson.Id} ({lesson.Subject}) on {date:yyyy-MM-dd}: {school.Name} has no period '{lesson.PeriodName}' on {follows} in the bell schedule for that day."));
                    continue;
                }

                lessons.Add(new LessonSlot(
                    new LessonOccurrenceId(lesson.Id, date).ToString(), lesson.Id, snapshot.Alliance.Id, school.Id,
                    lesson.TeacherId, lesson.StudioId, lesson.Subject, lesson.Grade, bells.Start, bells.End,
                    lesson.BitrateMbps));
            }
        }

        var demands = new List<RoomDemand>();
        foreach (var school in snapshot.Schools.Where(s => !s.IsLead))
        {
            foreach (var room in school.Classrooms)
            {
                foreach (var demand in room.Demands)
                {
                    if (!room.Grades.Contains(RoomGrades.Of(demand, room)))
                    {
                        warnings.Add(string.Create(CultureInfo.InvariantCulture,
                            $"Demand {demand.Id} ({demand.Subject}) of {school.Name} {room.ClassName} is for grade {demand.Grade}, which the room no longer holds; it is left out."));
                        continue;
                    }

                    var windows = new List<TimeWindow>();
                    foreach (var (date, follows) in days)
                    {
                        var schedule = BellScheduleSelector.For(school.BellSchedules, date);
                        if (schedule is null) continue;
                        foreach (var wanted in demand.Periods.Where(p => p.Weekday == follows))
                        {
                            if (BellScheduleSelector.Period(schedule, follows, wanted.PeriodName) is { } period)
                                windows.Add(new TimeWindow(AllianceClock.ToInstant(date, period.Start, zone), AllianceClock.ToInstant(date, period.End, zone)));
                        }
                    }

                    demands.Add(new RoomDemand(demand.Id, snapshot.Alliance.Id, room.Id, school.Id, demand.Subject, RoomGrades.Of(demand, room),
                        demand.LessonsPerWeek * weeks, windows, lessonAlliances));
                }
            }
        }

        // A studio booking's rooms chosen by hand: a demand each, for that one lesson at its time.
        var booked = -1L;
        foreach (var slot in lessons)
        {
            var lesson = snapshot.LeadLessons.First(l => l.Id == slot.LeadLessonId);
            foreach (var roomId in StudioBookings.RoomIds(lesson))
            {
                var school = snapshot.Schools.FirstOrDefault(s => !s.IsLead && s.Classrooms.Exists(c => c.Id == roomId));
                if (school is null) continue;
                demands.Add(new RoomDemand(booked--, snapshot.Alliance.Id, roomId, school.Id, lesson.Subject, lesson.Grade, 1,
                    [new TimeWindow(slot.Start, slot.End)], lessonAlliances, lesson.Id));
            }
        }

        // The alliance plans lesson streams into this share of each member school's link (the rest stays for the school's other traffic).
        var links = snapshot.Schools.Where(s => !s.IsLead).Select(s => new SchoolLink(s.Id, s.Name, s.LinkMbps * uplinkShare)).ToList();
        return new Built(new PairingProblem(lessons, demands, links, previous, settings), warnings);
    }
}
