using System.Net;
using System.Text.Json.Nodes;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>Overlap share, relay capacity per lesson and uplink share are the alliance's own settings, read and written through the API, and the solver uses them.</summary>
public sealed class AllianceSettingsTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static int MostRoomsInOneLesson(JsonNode week) =>
        week["pairings"]!.AsArray().GroupBy(p => (string?)p!["lessonId"]).Max(g => g.Count());

    [Fact]
    public async Task Settings_default_to_the_servers_and_change_what_the_solver_pairs()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var url = $"/api/alliances/{id}/settings";

        var defaults = await (await admin.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("""{"minOverlapShare":0.8,"relayCapacityPerLesson":200,"uplinkSharePerStream":1,"recordingRetentionDays":365}""", defaults["effective"]!.ToJsonString());
        Assert.Equal(defaults["effective"]!.ToJsonString(), defaults["serverDefaults"]!.ToJsonString());
        Assert.Null(defaults["own"]!["relayCapacityPerLesson"]);

        // Holiday week: music only on Thursday, so both rooms share each music lesson.
        var wide = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        Assert.Equal(2, MostRoomsInOneLesson(wide));

        var one = await (await admin.PutJsonAsync(url, new { relayCapacityPerLesson = 1 })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)one["effective"]!["relayCapacityPerLesson"]!);
        Assert.Equal(0.8, (double)one["effective"]!["minOverlapShare"]!);
        var narrow = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        Assert.Equal(1, MostRoomsInOneLesson(narrow));
        Assert.True((int)narrow["stats"]!["covered"]! < (int)wide["stats"]!["covered"]!);
        Assert.True((int)narrow["stats"]!["moved"]! > 0);

        // Bad values are refused, every field named, and the stored settings stay.
        var bad = await (await admin.PutJsonAsync(url, new { minOverlapShare = 0, relayCapacityPerLesson = 0, uplinkSharePerStream = 1.5 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["minOverlapShare", "relayCapacityPerLesson", "uplinkSharePerStream"], bad["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, (int)(await (await admin.GetAsync(url)).ReadAsync(HttpStatusCode.OK))["effective"]!["relayCapacityPerLesson"]!);

        // 5 % of a 10 or 20 Mbit/s link cannot carry a 2 Mbit/s stream: nothing is paired, for want of link.
        await (await admin.PutJsonAsync(url, new { uplinkSharePerStream = 0.05 })).ReadAsync(HttpStatusCode.OK);
        var starved = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        Assert.Empty(starved["pairings"]!.AsArray());
        Assert.All(starved["uncovered"]!.AsArray(), u => Assert.Equal("LinkFull", (string?)u!["reason"]));

        // An empty body returns every setting to the server's default.
        var reset = await (await admin.PutJsonAsync(url, new { })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(defaults.ToJsonString(), reset.ToJsonString());
        var back = await admin.SolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        Assert.Equal((int)wide["stats"]!["covered"]!, (int)back["stats"]!["covered"]!);
    }
}
