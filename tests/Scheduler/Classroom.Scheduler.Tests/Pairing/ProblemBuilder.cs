using System.Globalization;
using Classroom.Scheduler.Pairing;

namespace Classroom.Scheduler.Tests.Pairing;

/// <summary>Hand-built problems: one alliance, grade 3, Monday 7 September 2026 (Beijing time) unless said.</summary>
internal sealed class ProblemBuilder
{
    public static readonly DateTimeOffset Monday = new(2026, 9, 7, 0, 0, 0, TimeSpan.FromHours(8));

    private readonly List<LessonSlot> _lessons = [];
    private readonly List<RoomDemand> _demands = [];
    private readonly List<SchoolLink> _schools = [];

    public static DateTimeOffset At(int hour, int minute, int day = 0) => Monday.AddDays(day).AddHours(hour).AddMinutes(minute);

    public static TimeWindow Window(DateTimeOffset start, int minutes) => new(start, start.AddMinutes(minutes));

    /// <summary>A lesson with its own teacher and studio unless given; returns its LessonId.</summary>
    public string Lesson(long leadLessonId, string subject, DateTimeOffset start, int minutes = 45, long? teacher = null, long? studio = null, double bitrate = 2, int grade = 3, long alliance = 1)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"L{leadLessonId}-{start:yyyyMMdd}");
        _lessons.Add(new LessonSlot(id, leadLessonId, alliance, 100, teacher ?? (1000 + leadLessonId), studio ?? (2000 + leadLessonId), subject, grade, start, start.AddMinutes(minutes), bitrate));
        return id;
    }

    public long Demand(long classroom, long school, string subject, int count, params TimeWindow[] windows)
        => DemandIn(1, classroom, school, subject, count, 3, windows);

    public long DemandIn(long alliance, long classroom, long school, string subject, int count, int grade, params TimeWindow[] windows)
    {
        var id = _demands.Count + 1L;
        _demands.Add(new RoomDemand(id, alliance, classroom, school, subject, grade, count, windows));
        return id;
    }

    public ProblemBuilder School(long id, double linkMbps)
    {
        _schools.Add(new SchoolLink(id, $"school {id}", linkMbps));
        return this;
    }

    public PairingProblem Build(int relayCapacity = 200, TimeSpan? timeLimit = null, IReadOnlyList<PreviousPairing>? previous = null, double share = 0.8)
        => new([.. _lessons], [.. _demands], [.. _schools], previous ?? [], new PairingSettings(share, relayCapacity, timeLimit ?? TimeSpan.FromSeconds(5), 1));
}
