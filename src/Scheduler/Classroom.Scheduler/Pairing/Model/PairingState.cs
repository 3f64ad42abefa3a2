namespace Classroom.Scheduler.Pairing.Model;

/// <summary>What stops one more pairing, in the order the explanations name them.</summary>
internal enum Block
{
    None,
    DemandFull,
    SameLeadLesson,
    RoomBusy,
    LinkFull,
    RelayCapacityFull,
    TeacherOrStudioBusy,
}

/// <summary>
/// A set of chosen pairings that can answer "could this candidate be added, and if not, which
/// constraint and which lesson stop it" — used by the greedy warm start and by the post-analysis
/// that explains uncovered demand. Checks use the same integer kbit/s as the CP model.
/// </summary>
internal sealed class PairingState
{
    private readonly PairingIndex _ix;
    private readonly DayBuckets _roomLessons;
    private readonly DayBuckets _schoolLessons;
    private readonly DayBuckets _teacherRunning;
    private readonly DayBuckets _studioRunning;
    private readonly HashSet<(int Demand, WeeklyLesson Lesson)> _used = [];

    public PairingState(PairingIndex ix)
    {
        _ix = ix;
        _roomLessons = new DayBuckets(ix);
        _schoolLessons = new DayBuckets(ix);
        _teacherRunning = new DayBuckets(ix);
        _studioRunning = new DayBuckets(ix);
        Seats = new int[ix.Lessons.Length];
        DemandCovered = new int[ix.Demands.Length];
        Chosen = new bool[ix.Candidates.Length];
    }

    public int[] Seats { get; }

    public int[] DemandCovered { get; }

    public bool[] Chosen { get; }

    /// <summary>Why <paramref name="candidate"/> cannot be added; <paramref name="blocker"/> is the lesson in the way (or -1).</summary>
    public Block Check(int candidate, out int blocker)
    {
        blocker = -1;
        var (l, d) = _ix.Candidates[candidate];
        var lesson = _ix.Lessons[l];
        var demand = _ix.Demands[d];
        if (DemandCovered[d] >= demand.Count)
        {
            return Block.DemandFull;
        }

        if (_used.Contains((d, _ix.WeeklyKey[l])))
        {
            return Block.SameLeadLesson;
        }

        blocker = FirstOf(_roomLessons.Near(demand.ClassroomId, l), m => _ix.Overlaps(m, l));
        if (blocker >= 0)
        {
            return Block.RoomBusy;
        }

        if (_ix.LinkKbps.TryGetValue(demand.SchoolId, out var link) && !LinkFits(demand.SchoolId, l, link, out blocker))
        {
            return Block.LinkFull;
        }

        if (Seats[l] >= _ix.Settings.RelayCapacityPerLesson)
        {
            blocker = l;
            return Block.RelayCapacityFull;
        }

        if (Seats[l] == 0)
        {
            blocker = FirstClash(_teacherRunning, lesson.TeacherId, l);
            blocker = blocker >= 0 ? blocker : FirstClash(_studioRunning, lesson.StudioId, l);
            if (blocker >= 0)
            {
                return Block.TeacherOrStudioBusy;
            }
        }

        return Block.None;
    }

    public void Add(int candidate)
    {
        var (l, d) = _ix.Candidates[candidate];
        var lesson = _ix.Lessons[l];
        var demand = _ix.Demands[d];
        Chosen[candidate] = true;
        DemandCovered[d]++;
        _used.Add((d, _ix.WeeklyKey[l]));
        _roomLessons.Add(demand.ClassroomId, l);
        _schoolLessons.Add(demand.SchoolId, l);
        if (Seats[l]++ == 0)
        {
            _teacherRunning.Add(lesson.TeacherId, l);
            _studioRunning.Add(lesson.StudioId, l);
        }
    }

    /// <summary>Rooms of other pairings holding seats, for the fairness explanation.</summary>
    public IEnumerable<int> ChosenInLesson(int lesson) => _ix.ByLesson[lesson].Where(c => Chosen[c]);

    private int FirstClash(DayBuckets running, long key, int l) => FirstOf(running.Near(key, l), m => m != l && _ix.Overlaps(m, l));

    private static int FirstOf(List<int> list, Predicate<int> match)
    {
        var i = list.FindIndex(match);
        return i >= 0 ? list[i] : -1;
    }

    /// <summary>
    /// The school's load only rises at lesson starts, so checking the new lesson's start and every
    /// start of an overlapping chosen lesson inside it is enough.
    /// </summary>
    private bool LinkFits(long school, int l, long link, out int blocker)
    {
        blocker = -1;
        var chosen = _schoolLessons.Near(school, l);
        var s = _ix.LessonStart[l];
        var e = _ix.LessonEnd[l];
        foreach (var t in chosen.Select(m => _ix.LessonStart[m]).Where(t => t > s && t < e).Append(s))
        {
            var load = _ix.BitrateKbps[l];
            foreach (var m in chosen)
            {
                if (_ix.LessonStart[m] <= t && t < _ix.LessonEnd[m])
                {
                    load += _ix.BitrateKbps[m];
                    blocker = m;
                }
            }

            if (load > link)
            {
                return false;
            }
        }

        blocker = -1;
        return true;
    }
}
