using System.Globalization;

namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// Builds a seeded synthetic district as a <see cref="PairingProblem"/> for one week: lead schools
/// stream every subject to their grades at a realistic weekly frequency, placed in their own bell
/// schedule without teacher/studio clashes (unless asked for); member rooms lack 2–4 subjects and
/// reserve, in their own bell schedule, the periods that lie under most matching lead lessons plus
/// a few others — so overlaps range from full to just short of the required share.
/// </summary>
public static class DistrictGenerator
{
    /// <summary>Subject and weekly lessons a class has of it.</summary>
    internal static readonly (string Subject, int PerWeek)[] Subjects =
        [("音乐", 2), ("美术", 2), ("英语", 3), ("科学", 2), ("体育", 2), ("信息技术", 1)];

    private const int Days = 5;

    public static PairingProblem Generate(DistrictOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new Random(options.Seed);
        var lessons = new List<LessonSlot>();
        var demands = new List<RoomDemand>();
        var schools = new List<SchoolLink>();
        for (var a = 1; a <= options.Alliances; a++)
        {
            var first = lessons.Count;
            var leadBell = new BellSchedule(rng.Next(-1, 2) * 5, rng.Next(2) == 0 ? 40 : 45);
            AddLeadLessons(options, rng, a, leadBell, lessons);
            AddMembers(options, rng, a, leadBell, lessons.GetRange(first, lessons.Count - first), demands, schools);
        }

        // The policy only sets LessonAlliances (no draws from rng), so the own-alliance district is unchanged.
        var problem = new PairingProblem(lessons, demands, schools, [], options.Settings);
        return options.Cross == CrossAlliance.Own ? problem : CrossAlliancePolicy.Apply(problem, options.Cross);
    }

    /// <summary>
    /// The generated week moved onto <paramref name="week"/>'s calendar: each lesson and window of
    /// weekday i appears on every school day that follows weekday i (none on a holiday, twice when a
    /// 调休 day repeats it), at the same time of day. Bell schedules stay as generated.
    /// </summary>
    public static PairingProblem InWeek(PairingProblem problem, CountyWeek week)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(week);
        var days = week.SchoolDays().ToList();
        IEnumerable<TimeSpan> Shifts(DateTimeOffset t)
        {
            var date = DateOnly.FromDateTime(t.DateTime);
            var weekday = ((int)date.DayOfWeek + 6) % 7;
            return days.Where(d => d.Weekday == weekday).Select(d => TimeSpan.FromDays(d.Date.DayNumber - date.DayNumber));
        }

        var lessons = problem.Lessons.SelectMany(l => Shifts(l.Start).Select(shift => l with
        {
            LessonId = string.Create(CultureInfo.InvariantCulture, $"L{l.LeadLessonId}-{l.Start + shift:yyyyMMdd}"),
            Start = l.Start + shift,
            End = l.End + shift,
        })).ToList();
        var demands = problem.Demands.Select(d => d with
        {
            Windows = [.. d.Windows.SelectMany(w => Shifts(w.Start).Select(shift => new TimeWindow(w.Start + shift, w.End + shift))).OrderBy(w => w.Start)],
        }).ToList();
        return problem with { Lessons = lessons, Demands = demands };
    }

    /// <summary>
    /// "One school changes its timetable": member school <paramref name="schoolId"/> moves its bell
    /// schedule by <paramref name="shiftMinutes"/> (every window of its rooms shifts), everything
    /// else stays. Previous is set to <paramref name="previous"/>.
    /// </summary>
    public static PairingProblem ChangeSchoolTimetable(PairingProblem problem, long schoolId, int shiftMinutes, IReadOnlyList<PreviousPairing> previous)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var shift = TimeSpan.FromMinutes(shiftMinutes);
        var demands = problem.Demands
            .Select(d => d.SchoolId != schoolId ? d : d with { Windows = [.. d.Windows.Select(w => new TimeWindow(w.Start + shift, w.End + shift))] })
            .ToList();
        return problem with { Demands = demands, Previous = previous };
    }

    /// <summary>
    /// "The lead school moves one lesson": every occurrence of <paramref name="leadLessonId"/> shifts by
    /// <paramref name="shift"/> (its teacher and studio go with it). Previous is set to <paramref name="previous"/>.
    /// </summary>
    public static PairingProblem MoveLeadLesson(PairingProblem problem, long leadLessonId, TimeSpan shift, IReadOnlyList<PreviousPairing> previous)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var lessons = problem.Lessons
            .Select(l => l.LeadLessonId != leadLessonId ? l : l with
            {
                LessonId = string.Create(CultureInfo.InvariantCulture, $"L{l.LeadLessonId}-{l.Start + shift:yyyyMMdd}"),
                Start = l.Start + shift,
                End = l.End + shift,
            })
            .ToList();
        return problem with { Lessons = lessons, Previous = previous };
    }

    /// <summary>
    /// The week repeated <paramref name="weeks"/> times (a term-length range): occurrences and windows
    /// shift by whole weeks, and each demand's Count is multiplied, as the domain does for a range.
    /// </summary>
    public static PairingProblem RepeatWeeks(PairingProblem week, int weeks)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        var lessons = Enumerable.Range(0, weeks).SelectMany(w => week.Lessons.Select(l => l with
        {
            LessonId = string.Create(CultureInfo.InvariantCulture, $"L{l.LeadLessonId}-{l.Start.AddDays(7 * w):yyyyMMdd}"),
            Start = l.Start.AddDays(7 * w),
            End = l.End.AddDays(7 * w),
        })).ToList();
        var demands = week.Demands.Select(d => d with
        {
            Count = d.Count * weeks,
            Windows = [.. Enumerable.Range(0, weeks).SelectMany(w => d.Windows.Select(x => new TimeWindow(x.Start.AddDays(7 * w), x.End.AddDays(7 * w))))],
        }).ToList();
        return week with { Lessons = lessons, Demands = demands };
    }

    private static void AddLeadLessons(DistrictOptions o, Random rng, int alliance, BellSchedule bell, List<LessonSlot> lessons)
    {
        var leadSchool = alliance * 1000L;
        var plan = new List<(int Grade, int Stream, string Subject)>();
        for (var g = 1; g <= o.Grades; g++)
        {
            var streams = rng.Next(o.MinStreamsPerGrade, o.MaxStreamsPerGrade + 1);
            for (var s = 0; s < streams; s++)
            {
                foreach (var (subject, perWeek) in Subjects)
                {
                    plan.AddRange(Enumerable.Repeat((g, s, subject), perWeek));
                }
            }
        }

        var slots = Days * BellSchedule.PeriodsPerDay;
        var studios = Math.Max(1, (plan.Count + 27) / 28);
        var classBusy = new HashSet<(int, int, int)>();
        var teacherBusy = new HashSet<(long, int)>();
        var studioBusy = new HashSet<(int, int)>();
        var teacherOf = new Dictionary<(int, int, string), long>();
        var load = new Dictionary<long, int>();
        foreach (var (grade, stream, subject) in plan.OrderBy(_ => rng.Next()))
        {
            if (!teacherOf.TryGetValue((grade, stream, subject), out var teacher))
            {
                // A subject teacher takes up to 4 classes; ids are per lead school and subject.
                var index = Array.FindIndex(Subjects, s => s.Subject == subject);
                var n = 0;
                while (load.GetValueOrDefault(TeacherId(leadSchool, index, n)) >= 4)
                {
                    n++;
                }

                teacher = TeacherId(leadSchool, index, n);
                load[teacher] = load.GetValueOrDefault(teacher) + 1;
                teacherOf[(grade, stream, subject)] = teacher;
            }

            var clash = rng.NextDouble() < o.ClashProbability;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var slot = rng.Next(slots);
                var studio = rng.Next(studios);
                if (classBusy.Contains((grade, stream, slot)) ||
                    (!clash && (teacherBusy.Contains((teacher, slot)) || studioBusy.Contains((studio, slot)))))
                {
                    continue;
                }

                classBusy.Add((grade, stream, slot));
                teacherBusy.Add((teacher, slot));
                studioBusy.Add((studio, slot));
                var window = bell.Window(o.WeekStart, slot / BellSchedule.PeriodsPerDay, slot % BellSchedule.PeriodsPerDay);
                var leadLessonId = (alliance * 100_000L) + lessons.Count + 1;
                lessons.Add(new LessonSlot(
                    string.Create(CultureInfo.InvariantCulture, $"L{leadLessonId}-{window.Start:yyyyMMdd}"),
                    leadLessonId,
                    alliance,
                    leadSchool,
                    teacher,
                    (leadSchool * 10) + studio,
                    subject,
                    grade,
                    window.Start,
                    window.End,
                    Bitrate(rng, subject)));
                break;
            }
        }
    }

    private static long TeacherId(long school, int subject, int n) => (school * 100) + (subject * 10) + n;

    internal static double Bitrate(Random rng, string subject) => subject switch
    {
        "体育" => 3.0, // wide shots, motion
        "信息技术" => 2.5, // screen content
        _ => 1.5 + (rng.Next(3) * 0.5),
    };

    private static void AddMembers(DistrictOptions o, Random rng, int alliance, BellSchedule leadBell, List<LessonSlot> allianceLessons, List<RoomDemand> demands, List<SchoolLink> schools)
    {
        var steps = (int)Math.Round((o.MaxLinkMbps - o.MinLinkMbps) / 10);
        for (var m = 1; m <= o.MembersPerAlliance; m++)
        {
            var school = (alliance * 1000L) + m;
            var link = steps > 0 ? o.MinLinkMbps + (10 * rng.Next(steps + 1)) : o.MinLinkMbps + (rng.NextDouble() * (o.MaxLinkMbps - o.MinLinkMbps));
            schools.Add(new SchoolLink(school, string.Create(CultureInfo.InvariantCulture, $"成员校 {alliance}-{m}"), Math.Round(link, 1)));
            // Members align with their lead school within minutes; a third keep their own lesson length.
            var bell = new BellSchedule(leadBell.OffsetMinutes + (rng.Next(-1, 2) * 5), rng.Next(3) == 0 ? 85 - leadBell.LessonMinutes : leadBell.LessonMinutes);
            var lacking = Subjects.Select(s => s.Subject).OrderBy(_ => rng.Next()).Take(rng.Next(2, 5)).ToArray();
            var rooms = rng.Next(o.MinRoomsPerMember, o.MaxRoomsPerMember + 1);
            for (var r = 0; r < rooms; r++)
            {
                var room = (school * 100) + r + 1;
                var grade = 1 + ((r + rng.Next(2)) % o.Grades);
                var reserved = new HashSet<int>();
                foreach (var subject in lacking)
                {
                    var perWeek = Subjects.First(s => s.Subject == subject).PerWeek;
                    var windows = new List<TimeWindow>();
                    foreach (var lesson in allianceLessons.Where(l => l.Subject == subject && l.Grade == grade))
                    {
                        if (rng.NextDouble() < o.AlignProbability)
                        {
                            var slot = NearestSlot(o, bell, lesson);
                            if (reserved.Add(slot) || rng.NextDouble() < 0.3)
                            {
                                windows.Add(bell.Window(o.WeekStart, slot / BellSchedule.PeriodsPerDay, slot % BellSchedule.PeriodsPerDay));
                            }
                        }
                    }

                    if (rng.NextDouble() < 0.3)
                    {
                        var slot = rng.Next(Days * BellSchedule.PeriodsPerDay);
                        windows.Add(bell.Window(o.WeekStart, slot / BellSchedule.PeriodsPerDay, slot % BellSchedule.PeriodsPerDay));
                    }

                    var count = Math.Min(perWeek, rng.Next(1, 3));
                    demands.Add(new RoomDemand(demands.Count + 1, alliance, room, school, subject, grade, count, [.. windows.Distinct().OrderBy(w => w.Start)]));
                }
            }
        }
    }

    /// <summary>The member period (day·7 + period) with the most overlap with the lead lesson.</summary>
    private static int NearestSlot(DistrictOptions o, BellSchedule bell, LessonSlot lesson)
    {
        var day = (int)(lesson.Start - o.WeekStart).TotalDays;
        var best = 0;
        var bestOverlap = TimeSpan.MinValue;
        for (var p = 0; p < BellSchedule.PeriodsPerDay; p++)
        {
            var w = bell.Window(o.WeekStart, day, p);
            var overlap = w.Overlap(lesson.Start, lesson.End) - (w.Start - lesson.Start).Duration();
            if (overlap > bestOverlap)
            {
                bestOverlap = overlap;
                best = p;
            }
        }

        return (day * BellSchedule.PeriodsPerDay) + best;
    }
}
