using System.Net;
using System.Text.Json.Nodes;
using Classroom.Scheduler.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// Kept / moved / added / dropped-because-not-occurring, counted against the range's previous stored
/// result by (lesson occurrence, room); an unchanged re-solve changes nothing in a 调休 week and in a
/// holiday week.
/// </summary>
public sealed class SolveStatisticsTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static (int Kept, int Moved, int Added, int Dropped) Stats(JsonNode week)
    {
        var s = week["stats"]!;
        return ((int)s["kept"]!, (int)s["moved"]!, (int)s["added"]!, (int)s["droppedNotOccurring"]!);
    }

    private static string[] Keys(JsonNode week) =>
        week["pairings"]!.AsArray().Select(p => $"{p!["lessonId"]} {p["date"]} {p["classroomId"]}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_first_solve_keeps_nothing_and_an_unchanged_re_solve_of_a_make_up_week_changes_nothing()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);

        var first = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var covered = (int)first["stats"]!["covered"]!;
        Assert.True(covered >= 6, first.ToJsonString());
        Assert.Equal((0, 0, covered, 0), Stats(first));

        var second = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal((covered, 0, 0, 0), Stats(second));
    }

    [Fact]
    public async Task A_re_solve_of_a_make_up_week_keeps_each_room_on_its_day()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var first = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);

        // The stored week as an earlier solve may have left it: each room has the first music lesson
        // on the other of its two days (Thursday 11-26 <-> Sunday 11-29, same bells), the second where it was.
        var music = first["pairings"]!.AsArray().Where(p => (string?)p!["subject"] == "音乐").ToList();
        var firstLesson = music.Min(p => (long)p!["leadLessonId"]!);
        var stored = _host.Scoped(sp =>
        {
            var db = sp.GetRequiredService<SchedulerDbContext>();
            foreach (var p in db.Pairings.Where(p => p.AllianceId == id && p.LeadLessonId == firstLesson).ToList())
            {
                var days = p.Date == new DateOnly(2026, 11, 26) ? 3 : -3;
                p.Date = p.Date.AddDays(days);
                p.LessonId = $"L{p.LeadLessonId}-{p.Date:yyyyMMdd}";
                p.StartUtcTicks += TimeSpan.FromDays(days).Ticks;
                p.EndUtcTicks += TimeSpan.FromDays(days).Ticks;
            }

            db.SaveChanges();
            return db.Pairings.Where(p => p.AllianceId == id).AsEnumerable().Select(p => $"{p.LessonId} {p.Date:yyyy-MM-dd} {p.ClassroomId}").Order(StringComparer.Ordinal).ToArray();
        });
        Assert.NotEqual(Keys(first), stored);

        var again = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        Assert.Equal(stored, Keys(again));
        Assert.Equal((stored.Length, 0, 0, 0), Stats(again));
    }

    [Fact]
    public async Task An_unchanged_holiday_week_changes_nothing_and_a_new_holiday_drops_its_lessons_without_moving_any()
    {
        var admin = _host.Admin();
        var (id, term) = await SolveAlliance.BuildAsync(admin);

        var first = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        var covered = (int)first["stats"]!["covered"]!;
        Assert.DoesNotContain(first["pairings"]!.AsArray(), p => (string?)p!["date"] == "2026-12-02");
        Assert.Equal((0, 0, covered, 0), Stats(first));

        var second = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal((covered, 0, 0, 0), Stats(second));

        // Friday becomes a holiday too: its art lessons do not occur, so they are dropped, not moved.
        var onFriday = second["pairings"]!.AsArray().Count(p => (string?)p!["date"] == "2026-12-04");
        Assert.True(onFriday > 0);
        await (await admin.PutJsonAsync($"/api/terms/{term}", SolveAlliance.Term(new { date = "2026-12-04", kind = "Holiday", note = "停电" }))).ReadAsync(HttpStatusCode.OK);
        var third = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        Assert.Equal((covered - onFriday, 0, 0, onFriday), Stats(third));
    }
}
