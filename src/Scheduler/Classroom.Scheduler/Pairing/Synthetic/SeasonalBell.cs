namespace Classroom.Scheduler.Pairing.Synthetic;

/// <summary>
/// A school's bell schedule with two seasons that recur every year by month and day, as county
/// schools keep them: summer hours (夏季作息, 1 May – 30 September) start the afternoon at 14:30,
/// winter hours (冬季作息, 1 October – 30 April) at 14:00. Mornings are the same in both.
/// </summary>
internal sealed record SeasonalBell(int OffsetMinutes, int LessonMinutes)
{
    public const int SummerAfternoon = (14 * 60) + 30;

    public const int WinterAfternoon = 14 * 60;

    public static bool IsSummer(DateOnly date) => date.Month is >= 5 and <= 9;

    public BellSchedule On(DateOnly date) => new(OffsetMinutes, LessonMinutes, IsSummer(date) ? SummerAfternoon : WinterAfternoon);
}
