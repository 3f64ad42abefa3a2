using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Solving;

/// <summary>Joins stored pairings with names for the API and exports.</summary>
public static class PairingViews
{
    public static WeekSolveResult Compose(AllianceSnapshot s, SolveRun run, IReadOnlyList<StoredPairing> stored,
        IReadOnlyList<UncoveredDemand> uncovered, IReadOnlyList<string> warnings, IReadOnlyDictionary<long, LeadLesson>? foreignLessons = null)
    {
        var rooms = s.Schools.SelectMany(x => x.Classrooms).ToDictionary(c => c.Id);
        var schools = s.Schools.ToDictionary(x => x.Id);
        var teachers = s.Schools.SelectMany(x => x.Teachers).ToDictionary(t => t.Id);
        var lessons = s.LeadLessons.ToDictionary(l => l.Id);
        foreach (var (id, lesson) in foreignLessons ?? new Dictionary<long, LeadLesson>())
        {
            lessons.TryAdd(id, lesson); // cross-alliance: another alliance's lesson, its teacher loaded with it
            if (lesson.Teacher is { } teacher) teachers.TryAdd(teacher.Id, teacher);
        }

        var demands = s.Schools.SelectMany(x => x.Classrooms).SelectMany(c => c.Demands).ToDictionary(d => d.Id);

        var pairings = stored
            .Where(p => lessons.ContainsKey(p.LeadLessonId) && rooms.ContainsKey(p.ClassroomId))
            .OrderBy(p => p.StartUtcTicks).ThenBy(p => p.LessonId, StringComparer.Ordinal).ThenBy(p => p.ClassroomId)
            .Select(p =>
            {
                var lesson = lessons[p.LeadLessonId];
                var room = rooms[p.ClassroomId];
                return new PairingView(p.LessonId, p.LeadLessonId, lesson.Subject, lesson.Grade, p.Date,
                    new DateTimeOffset(p.StartUtcTicks, TimeSpan.Zero), new DateTimeOffset(p.EndUtcTicks, TimeSpan.Zero),
                    lesson.TeacherId, teachers.TryGetValue(lesson.TeacherId, out var t) ? t.Name : string.Empty,
                    room.Id, room.ClassName, p.SchoolId, schools.TryGetValue(p.SchoolId, out var sc) ? sc.Name : string.Empty, p.DemandId);
            }).ToList();

        var unmet = uncovered.Select(u => new UncoveredView(
            u.DemandId, u.ClassroomId, rooms.TryGetValue(u.ClassroomId, out var r) ? r.ClassName : string.Empty,
            u.SchoolId, schools.TryGetValue(u.SchoolId, out var sc) ? sc.Name : string.Empty,
            demands.TryGetValue(u.DemandId, out var d) ? d.Subject : string.Empty,
            u.Missing, u.Reason.ToString(), UncoveredReasonText.Chinese(u.Reason), u.Detail, u.DetailZh)).ToList();

        var coverage = run.UpperBound == 0 ? 1.0 : (double)run.Covered / run.UpperBound;
        var stats = new PairingStatsView(run.Demanded, run.Covered, run.UpperBound, Math.Round(coverage, 4),
            run.Kept, run.Moved, run.Added, run.DroppedNotOccurring, Math.Round(run.ElapsedMs, 1), run.SolverStatus);
        return new WeekSolveResult(run.Id, run.AllianceId, run.From, run.To, pairings, unmet, stats, warnings);
    }
}
