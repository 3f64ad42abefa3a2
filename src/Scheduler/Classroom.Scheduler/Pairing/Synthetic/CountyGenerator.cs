using System.Globalization;

namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// Builds a seeded synthetic county (<see cref="CountyOptions"/>) as a <see cref="PairingProblem"/>.
/// First a weekly plan, drawn from the seed alone: each town's central school streams the subjects
/// it has specialists for, placed by weekday and period in its seasonal bell schedule (a few
/// double-booked into a taken studio slot, as raw timetables are); member rooms — one grade in a
/// village school, two grades in a teaching point's 复式班 — reserve the periods under most of
/// their own town's matching lessons plus their own timetable's periods for the subject. Then the
/// plan is expanded over the week's calendar (holidays drop a day, a 调休 day repeats a weekday,
/// each date on its season's bells), and the cross-alliance policy is applied. So the same seed
/// gives the same timetable in every week.
/// </summary>
public static class CountyGenerator
{
    /// <summary>Periods a subject is usually timetabled in (English in the morning, arts and sport after lunch).</summary>
    private static readonly Dictionary<string, int[]> Preferred = new()
    {
        ["英语"] = [0, 1, 2, 3],
        ["科学"] = [1, 2, 3, 4],
        ["音乐"] = [3, 4, 5, 6],
        ["美术"] = [3, 4, 5, 6],
        ["体育"] = [3, 4, 5, 6],
        ["信息技术"] = [3, 4, 5, 6],
    };

    private const int Weekdays = 5;

    public static PairingProblem Generate(CountyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Towns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Schools, options.Towns);
        var rng = new Random(options.Seed);
        var leads = new List<LeadSlot>();
        var rooms = new List<RoomPlan>();
        var schools = new List<SchoolLink>();
        for (var town = 1; town <= options.Towns; town++)
        {
            var size = (options.Schools / options.Towns) + (town <= options.Schools % options.Towns ? 1 : 0);
            var bell = new SeasonalBell(rng.Next(-1, 2) * 5, rng.Next(2) == 0 ? 40 : 45);
            var first = leads.Count;
            PlanLeadLessons(options, rng, town, bell, leads);
            PlanMembers(options, rng, town, size - 1, bell, leads.GetRange(first, leads.Count - first), rooms, schools);
        }

        var problem = new PairingProblem(Expand(options.Week, leads), Expand(options.Week, rooms), schools, [], options.Settings);
        return CrossAlliancePolicy.Apply(problem, options.Cross);
    }

    /// <summary>A lead lesson in the weekly timetable.</summary>
    private sealed record LeadSlot(long LeadLessonId, int Town, long SchoolId, long TeacherId, long StudioId, string Subject, int Grade, int Weekday, int Period, SeasonalBell Bell, double BitrateMbps);

    /// <summary>A member room's weekly need of one subject for one of its grades: periods (weekday·7 + period) it can take it in.</summary>
    private sealed record DemandPlan(int Grade, string Subject, int Count, SortedSet<int> Slots);

    private sealed record RoomPlan(int Town, long SchoolId, long ClassroomId, SeasonalBell Bell, List<DemandPlan> Demands);

    private static void PlanLeadLessons(CountyOptions o, Random rng, int town, SeasonalBell bell, List<LeadSlot> leads)
    {
        var school = town * 1000L;
        var subjects = DistrictGenerator.Subjects.OrderBy(_ => rng.Next()).Take(rng.Next(o.MinSubjectsStreamed, o.MaxSubjectsStreamed + 1)).ToArray();
        var plan = (from g in Enumerable.Range(1, o.Grades) from s in subjects from _ in Enumerable.Range(0, s.PerWeek) select (Grade: g, s.Subject)).ToList();
        var studios = Math.Max(1, (plan.Count + 27) / 28);
        var classBusy = new HashSet<(int, int)>();
        var teacherBusy = new HashSet<(long, int)>();
        var studioBusy = new HashSet<(int, int)>();
        var load = new Dictionary<long, int>();
        var teacherOf = new Dictionary<(int, string), long>();
        foreach (var (grade, subject) in plan.OrderBy(_ => rng.Next()))
        {
            if (!teacherOf.TryGetValue((grade, subject), out var teacher))
            {
                // A specialist teaches up to three grades of the subject.
                var index = Array.FindIndex(DistrictGenerator.Subjects, s => s.Subject == subject);
                var n = 0;
                while (load.GetValueOrDefault((school * 100) + (index * 10) + n) >= 3)
                {
                    n++;
                }

                teacher = (school * 100) + (index * 10) + n;
                load[teacher] = load.GetValueOrDefault(teacher) + 1;
                teacherOf[(grade, subject)] = teacher;
            }

            var doubleBook = rng.NextDouble() < o.StudioClashProbability;
            for (var attempt = 0; attempt < 80; attempt++)
            {
                var slot = PickSlot(rng, subject);
                var studio = rng.Next(studios);
                if (classBusy.Contains((grade, slot)) || teacherBusy.Contains((teacher, slot)) || (!doubleBook && studioBusy.Contains((studio, slot))))
                {
                    continue;
                }

                classBusy.Add((grade, slot));
                teacherBusy.Add((teacher, slot));
                studioBusy.Add((studio, slot));
                var id = (town * 100_000L) + leads.Count + 1;
                leads.Add(new LeadSlot(id, town, school, teacher, (school * 10) + studio, subject, grade, slot / BellSchedule.PeriodsPerDay, slot % BellSchedule.PeriodsPerDay, bell, DistrictGenerator.Bitrate(rng, subject)));
                break;
            }
        }
    }

    /// <summary>Mostly one of the subject's usual periods, sometimes any.</summary>
    private static int PickSlot(Random rng, string subject)
    {
        var day = rng.Next(Weekdays);
        var periods = Preferred[subject];
        var period = rng.NextDouble() < 0.8 ? periods[rng.Next(periods.Length)] : rng.Next(BellSchedule.PeriodsPerDay);
        return (day * BellSchedule.PeriodsPerDay) + period;
    }

    private static void PlanMembers(CountyOptions o, Random rng, int town, int members, SeasonalBell leadBell, List<LeadSlot> townLessons, List<RoomPlan> rooms, List<SchoolLink> schools)
    {
        var points = (int)Math.Round(members * o.TeachingPointShare);
        for (var m = 0; m < members; m++)
        {
            var isPoint = m >= members - points;
            var school = (town * 1000L) + (isPoint ? 500 + (m - (members - points)) + 1 : m + 1);
            var (min, max) = isPoint ? o.PointLinkMbps : o.VillageLinkMbps;
            var steps = (int)Math.Round((max - min) / 10);
            var link = steps > 0 ? min + (10 * rng.Next(steps + 1)) : min + (rng.NextDouble() * (max - min));
            var name = isPoint ? $"教学点 {town}-{m + 1}" : $"村小 {town}-{m + 1}";
            schools.Add(new SchoolLink(school, name, Math.Round(link, 1)));
            var bell = new SeasonalBell(leadBell.OffsetMinutes + (rng.Next(-1, 2) * 5), rng.Next(3) == 0 ? 85 - leadBell.LessonMinutes : leadBell.LessonMinutes);
            var lacking = DistrictGenerator.Subjects.OrderBy(_ => rng.Next()).Take(isPoint ? rng.Next(3, 6) : rng.Next(2, 5)).ToArray();

            // A village school has a room per grade; a teaching point one or two rooms of two grades each (复式班).
            var roomGrades = isPoint
                ? Enumerable.Range(0, o.Grades / 2).OrderBy(_ => rng.Next()).Take(Math.Min(o.Grades / 2, rng.Next(1, 3))).Order().Select(p => new[] { (2 * p) + 1, (2 * p) + 2 }).ToList()
                : [.. Enumerable.Range(1, o.Grades).Select(g => new[] { g })];
            for (var r = 0; r < roomGrades.Count; r++)
            {
                var room = new RoomPlan(town, school, (school * 100) + r + 1, bell, []);
                var reserved = new HashSet<int>();
                foreach (var grade in roomGrades[r])
                {
                    foreach (var (subject, perWeek) in lacking)
                    {
                        var slots = new SortedSet<int>();
                        foreach (var lesson in townLessons.Where(l => l.Subject == subject && l.Grade == grade))
                        {
                            var slot = (lesson.Weekday * BellSchedule.PeriodsPerDay) + lesson.Period;
                            if (rng.NextDouble() < o.AlignProbability && (reserved.Add(slot) || rng.NextDouble() < 0.3))
                            {
                                slots.Add(slot);
                            }
                        }

                        // The room's own timetable has the subject in some usual periods, whoever teaches it.
                        for (var k = rng.Next(1, perWeek + 2); k > 0; k--)
                        {
                            var slot = PickSlot(rng, subject);
                            if (reserved.Add(slot))
                            {
                                slots.Add(slot);
                            }
                        }

                        room.Demands.Add(new DemandPlan(grade, subject, Math.Min(perWeek, rng.Next(1, 3)), slots));
                    }
                }

                rooms.Add(room);
            }
        }
    }

    private static List<LessonSlot> Expand(CountyWeek week, List<LeadSlot> leads)
    {
        var lessons = new List<LessonSlot>();
        foreach (var (date, weekday) in week.SchoolDays())
        {
            var midnight = CountyWeek.Midnight(date);
            foreach (var l in leads.Where(l => l.Weekday == weekday))
            {
                var w = l.Bell.On(date).At(midnight, l.Period);
                lessons.Add(new LessonSlot(
                    string.Create(CultureInfo.InvariantCulture, $"L{l.LeadLessonId}-{date:yyyyMMdd}"),
                    l.LeadLessonId, l.Town, l.SchoolId, l.TeacherId, l.StudioId, l.Subject, l.Grade, w.Start, w.End, l.BitrateMbps));
            }
        }

        return lessons;
    }

    private static List<RoomDemand> Expand(CountyWeek week, List<RoomPlan> rooms)
    {
        var days = week.SchoolDays().ToList();
        var demands = new List<RoomDemand>();
        foreach (var room in rooms)
        {
            foreach (var d in room.Demands)
            {
                var windows = (from slot in d.Slots
                               from day in days
                               where day.Weekday == slot / BellSchedule.PeriodsPerDay
                               select room.Bell.On(day.Date).At(CountyWeek.Midnight(day.Date), slot % BellSchedule.PeriodsPerDay))
                              .OrderBy(w => w.Start).ToList();
                demands.Add(new RoomDemand(demands.Count + 1, room.Town, room.ClassroomId, room.SchoolId, d.Subject, d.Grade, d.Count, windows));
            }
        }

        return demands;
    }
}
