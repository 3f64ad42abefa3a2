using System.Net;
using System.Text;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>A store written before bell seasons could recur every year is upgraded at the next start and keeps its fixed-date seasons.</summary>
public sealed class BellSeasonUpgradeTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: true);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_store_without_season_columns_keeps_its_fixed_seasons_and_takes_recurring_ones_after_the_next_start()
    {
        // An afternoon lesson on Monday 2026-11-23: winter afternoons start 30 minutes earlier than summer ones.
        var lesson = _host.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().LeadLessons.AsNoTracking()
            .Where(l => l.AllianceId == 1 && l.Weekday == DayOfWeek.Monday).OrderByDescending(l => l.PeriodName).Select(l => l.Id).First());
        var occurrence = $"/api/lessons/L{lesson}-20261123";
        var token = (string)(await (await _host.Admin().PostJsonAsync($"{occurrence}/tokens", new { role = "teacher" })).ReadAsync(HttpStatusCode.OK))["token"]!;
        var before = await (await _host.WithToken(token).GetAsync(occurrence)).ReadAsync(HttpStatusCode.OK);
        Assert.NotNull((string?)before["startsAt"]);
        var school = _host.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().Schools.AsNoTracking().First(s => s.IsLead));
        _host.Dispose();

        // The schema of the version before: no recurring-season columns, seasons as fixed dates, and
        // (that release had no migrations) no migrations history: the next start baselines it and
        // the BellSeasons migration adds the columns.
        StoredFiles.Execute(_host.DataFolder, "scheduler.db",
            "UPDATE \"BellSchedules\" SET \"ValidFrom\" = '2026-05-01', \"ValidTo\" = '2026-09-30' WHERE \"Name\" = '夏季作息'",
            "UPDATE \"BellSchedules\" SET \"ValidFrom\" = '2026-10-01', \"ValidTo\" = '2027-04-30' WHERE \"Name\" = '冬季作息'");
        StoredFiles.Execute(_host.DataFolder, "scheduler.db", StoredFiles.SchedulerBeforeMigrations);

        using var again = new SchedulerHost(_host.DataFolder, seedDemo: true);
        var admin = again.Admin();
        var stored = (await (await admin.GetAsync($"/api/schools/{school.Id}/bell-schedules")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var winter = stored.Single(b => (string?)b!["name"] == "冬季作息")!;
        Assert.Equal(("2026-10-01", "2027-04-30"), ((string?)winter["validFrom"], (string?)winter["validTo"]));
        Assert.Null(winter["seasonFrom"]);

        // The old fixed dates still pick the winter schedule: the lesson keeps its times.
        var after = await (await again.WithToken(token).GetAsync(occurrence)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(((string?)before["startsAt"], (string?)before["endsAt"]), ((string?)after["startsAt"], (string?)after["endsAt"]));

        var csv = $"学校代码,作息名称,起始日期,截止日期,星期,节次,开始,结束\n{school.Code},每年夏季,05-01,09-30,周一,第3节,10:30,11:10\n";
        var imported = await (await admin.PostAsync("/api/alliances/1/import/bell-schedules", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)imported["created"]!);
        var schedules = (await (await admin.GetAsync($"/api/schools/{school.Id}/bell-schedules")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("05-01", (string?)schedules.Single(b => (string?)b!["name"] == "每年夏季")!["seasonFrom"]);
    }
}
