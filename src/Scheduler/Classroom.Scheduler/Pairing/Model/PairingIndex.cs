namespace Classroom.Scheduler.Pairing.Model;

/// <summary>
/// The problem turned into arrays: lessons and demands by position, every candidate pairing
/// (lesson, demand) that passes the subject/grade/alliance/overlap test, times in UTC ticks and
/// bitrates in whole kbit/s so the CP model and the checks in <see cref="PairingState"/> use the
/// same integer arithmetic.
/// </summary>
internal sealed class PairingIndex
{
    private PairingIndex(PairingProblem problem)
    {
        Problem = problem;
        Settings = problem.Settings;
        Lessons = [.. problem.Lessons];
        Demands = [.. problem.Demands];
        LessonStart = Array.ConvertAll(Lessons, l => l.Start.UtcTicks);
        LessonEnd = Array.ConvertAll(Lessons, l => l.End.UtcTicks);
        // Bitrates round up and links round down, so integer feasibility implies real feasibility.
        BitrateKbps = Array.ConvertAll(Lessons, l => (long)Math.Ceiling(l.BitrateMbps * 1000 - 1e-6));
        WeeklyKey = Array.ConvertAll(Lessons, l => new WeeklyLesson(l.LeadLessonId, WeekOf(l.Start)));
        LinkKbps = [];
        foreach (var school in problem.Schools)
        {
            LinkKbps[school.SchoolId] = (long)Math.Floor(school.LinkMbps * 1000 + 1e-6);
        }

        LessonDate = Array.ConvertAll(Lessons, l => DateOnly.FromDateTime(l.Start.DateTime));
        foreach (var p in problem.Previous)
        {
            PreviousKeys.Add(new PreviousKey(p.LeadLessonId, p.Date, p.ClassroomId));
        }
    }

    public PairingProblem Problem { get; }

    public PairingSettings Settings { get; }

    public LessonSlot[] Lessons { get; }

    public RoomDemand[] Demands { get; }

    public long[] LessonStart { get; }

    public long[] LessonEnd { get; }

    public long[] BitrateKbps { get; }

    /// <summary>Lead lesson and week of each occurrence: a demand takes each lead lesson at most once a week.</summary>
    public WeeklyLesson[] WeeklyKey { get; }

    /// <summary>Link per school in kbit/s; a school without a <see cref="SchoolLink"/> is unlimited.</summary>
    public Dictionary<long, long> LinkKbps { get; }

    /// <summary>Local date of each occurrence (the lesson's own offset, as in its occurrence id).</summary>
    public DateOnly[] LessonDate { get; }

    /// <summary>Previous pairings: dated ones match one occurrence, undated ones any occurrence of the lead lesson.</summary>
    public HashSet<PreviousKey> PreviousKeys { get; } = [];

    public Candidate[] Candidates { get; private set; } = [];

    public int[][] ByDemand { get; private set; } = [];

    public int[][] ByLesson { get; private set; } = [];

    /// <summary>Lessons of the same alliance, subject and grade as each demand (before the overlap test).</summary>
    public int[][] MatchingByDemand { get; private set; } = [];

    /// <summary>Monday (day number) of the lesson's week, in the lesson's own local date (the alliance's zone).</summary>
    public static int WeekOf(DateTimeOffset start)
    {
        var date = DateOnly.FromDateTime(start.DateTime);
        return date.DayNumber - (((int)date.DayOfWeek + 6) % 7);
    }

    public bool Overlaps(int a, int b) => LessonStart[a] < LessonEnd[b] && LessonStart[b] < LessonEnd[a];

    public bool IsPrevious(int candidate)
    {
        var c = Candidates[candidate];
        return PreviousKeys.Count > 0 && PreviousKeysOf(c.Lesson, Demands[c.Demand].ClassroomId).Any();
    }

    /// <summary>The previous pairings that room <paramref name="classroomId"/> in lesson <paramref name="lesson"/> keeps (at most one dated, one undated).</summary>
    public IEnumerable<PreviousKey> PreviousKeysOf(int lesson, long classroomId)
    {
        var lead = Lessons[lesson].LeadLessonId;
        var dated = new PreviousKey(lead, LessonDate[lesson], classroomId);
        if (PreviousKeys.Contains(dated))
        {
            yield return dated;
        }

        var any = new PreviousKey(lead, null, classroomId);
        if (PreviousKeys.Contains(any))
        {
            yield return any;
        }
    }

    public static PairingIndex Build(PairingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var ix = new PairingIndex(problem);
        var groups = new Dictionary<(string, int), List<int>>();
        for (var l = 0; l < ix.Lessons.Length; l++)
        {
            var lesson = ix.Lessons[l];
            if (ix.LessonEnd[l] <= ix.LessonStart[l])
            {
                continue; // an empty occurrence cannot be attended
            }

            var key = (lesson.Subject, lesson.Grade);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(l);
        }

        var candidates = new List<Candidate>();
        var byDemand = new int[ix.Demands.Length][];
        var matching = new int[ix.Demands.Length][];
        var byLesson = new List<int>[ix.Lessons.Length];
        for (var d = 0; d < ix.Demands.Length; d++)
        {
            var demand = ix.Demands[d];
            var mine = new List<int>();
            // Same subject and grade, from an alliance the room may take lessons of (its own, or the cross-alliance policy's).
            matching[d] = groups.TryGetValue((demand.Subject, demand.Grade), out var group)
                ? [.. group.Where(l => demand.MayTakeFrom(ix.Lessons[l].AllianceId) && (demand.OnlyLeadLesson is null || demand.OnlyLeadLesson == ix.Lessons[l].LeadLessonId))] : [];
            if (demand.Count > 0)
            {
                foreach (var l in matching[d])
                {
                    if (CoversShare(demand.Windows, ix.Lessons[l], ix.Settings.MinOverlapShare))
                    {
                        mine.Add(candidates.Count);
                        (byLesson[l] ??= []).Add(candidates.Count);
                        candidates.Add(new Candidate(l, d));
                    }
                }
            }

            byDemand[d] = [.. mine];
        }

        ix.Candidates = [.. candidates];
        ix.ByDemand = byDemand;
        ix.MatchingByDemand = matching;
        ix.ByLesson = Array.ConvertAll(byLesson, list => list is null ? [] : list.ToArray());
        return ix;
    }

    /// <summary>
    /// True when one window overlaps the lesson by at least <paramref name="share"/> of its length
    /// (inclusive, to half a tick, so 36 of 45 minutes meets 0.8 despite binary rounding of 0.8).
    /// </summary>
    public static bool CoversShare(IReadOnlyList<TimeWindow> windows, LessonSlot lesson, double share)
    {
        var length = (lesson.End - lesson.Start).Ticks;
        foreach (var w in windows)
        {
            if (w.Overlap(lesson.Start, lesson.End).Ticks >= (share * length) - 0.5)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A possible pairing: lesson position and demand position in <see cref="PairingIndex"/>.</summary>
internal readonly record struct Candidate(int Lesson, int Demand);

/// <summary>A previous pairing as the solver matches it; <see cref="Date"/> null matches every occurrence.</summary>
internal readonly record struct PreviousKey(long LeadLessonId, DateOnly? Date, long ClassroomId);

/// <summary>A lead lesson in one week (a 调休 make-up day can hold a second occurrence in the same week).</summary>
internal readonly record struct WeeklyLesson(long LeadLessonId, int Week);
