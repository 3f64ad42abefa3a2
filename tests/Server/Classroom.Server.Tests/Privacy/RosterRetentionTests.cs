using System.Net;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Classroom.Server.Tests.Privacy;

/// <summary>Roster entries nobody wrote for Scheduler:RosterRetentionDays (400 by default) are deleted by the daily job.</summary>
public sealed class RosterRetentionTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private Classroom.Scheduler.RetentionJob Job => _host.Services.GetServices<IHostedService>().OfType<Classroom.Scheduler.RetentionJob>().Single();

    private async Task<List<string>> StudentIdsAsync(long roomId) =>
        [.. (await (await _host.Admin().GetAsync($"/api/classrooms/{roomId}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray().Select(r => (string)r!["schoolStudentId"]!)];

    [Fact]
    public async Task A_roster_entry_not_written_for_the_retention_period_is_deleted_and_a_re_imported_one_stays()
    {
        var alliance = await PrivacyAlliance.BuildAsync(_host);
        await PrivacyAlliance.ImportAsync(_host.Admin(), alliance.AllianceId, "rosters", "学校代码,班级,学号,姓名\nV1,4年级1班,V1001,张三\nV2,4年级1班,V2001,王五\n");

        _host.Clock.Advance(TimeSpan.FromDays(300));
        // The school re-imports V1's roster unchanged: that confirms it, so its clock starts again.
        await PrivacyAlliance.ImportAsync(_host.Admin(), alliance.AllianceId, "rosters", "学校代码,班级,学号,姓名\nV1,4年级1班,V1001,张三\n");
        _host.Clock.Advance(TimeSpan.FromDays(99));
        await Job.RunOnceAsync(default);
        Assert.Equal(["V2001"], await StudentIdsAsync(alliance.RoomV2));

        _host.Clock.Advance(TimeSpan.FromDays(2));
        await Job.RunOnceAsync(default);
        Assert.Empty(await StudentIdsAsync(alliance.RoomV2));
        Assert.Equal(["V1001"], await StudentIdsAsync(alliance.RoomV1));
    }
}
