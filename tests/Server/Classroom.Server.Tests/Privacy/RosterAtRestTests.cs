using System.Net;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Privacy;

/// <summary>Student names on rosters are encrypted in scheduler.db and read back in clear through the API.</summary>
public sealed class RosterAtRestTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_roster_put_keeps_the_student_name_out_of_the_database_file_while_the_api_reads_it_back()
    {
        var alliance = await PrivacyAlliance.BuildAsync(_host);
        var admin = _host.Admin();

        await (await admin.PutJsonAsync($"/api/classrooms/{alliance.RoomV1}/roster", new[] { new { schoolStudentId = "V1-0007", displayName = "欧阳明月" } }))
            .ReadAsync(HttpStatusCode.OK);

        var roster = (await (await admin.GetAsync($"/api/classrooms/{alliance.RoomV1}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("欧阳明月", (string?)Assert.Single(roster)!["displayName"]);
        Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", "欧阳明月"));
        Assert.All(StoredFiles.Column(_host.DataFolder, "scheduler.db", "Roster", "DisplayName"), v => Assert.StartsWith("v1:", v, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_imported_roster_keeps_names_out_of_the_database_file()
    {
        var alliance = await PrivacyAlliance.BuildAsync(_host);
        var admin = _host.Admin();

        await PrivacyAlliance.ImportAsync(admin, alliance.AllianceId, "rosters", "学校代码,班级,学号,姓名\nV1,4年级1班,V1001,司马小雨\nV2,4年级1班,V2001,诸葛青青\n");

        var roster = (await (await admin.GetAsync($"/api/classrooms/{alliance.RoomV2}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("诸葛青青", (string?)Assert.Single(roster)!["displayName"]);
        Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", "司马小雨"));
        Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", "诸葛青青"));
    }

    [Fact]
    public async Task The_demo_roster_is_stored_encrypted_too()
    {
        using var demo = new SchedulerHost(seedDemo: true);
        try
        {
            var rooms = (await (await demo.Admin().GetAsync("/api/classrooms/1/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();

            Assert.NotEmpty(rooms);
            Assert.All(rooms, r => Assert.StartsWith("学生", (string?)r!["displayName"], StringComparison.Ordinal));
            Assert.False(StoredFiles.Contain(demo.DataFolder, "scheduler.db", "学生"));
        }
        finally
        {
            demo.Dispose();
            demo.DeleteData();
        }
    }

    [Fact]
    public async Task A_store_from_before_encryption_gets_its_names_encrypted_and_its_roster_dated_at_the_next_start()
    {
        var alliance = await PrivacyAlliance.BuildAsync(_host);
        await (await _host.Admin().PutJsonAsync($"/api/classrooms/{alliance.RoomV1}/roster", new[] { new { schoolStudentId = "V1-0008", displayName = "上官燕" } }))
            .ReadAsync(HttpStatusCode.OK);
        _host.Dispose();
        // The schema of a release before encryption, which also had no migrations history.
        StoredFiles.Execute(_host.DataFolder, "scheduler.db", [.. StoredFiles.SchedulerBeforeMigrations,
            "DROP INDEX \"IX_Roster_UpdatedUtcTicks\"", "ALTER TABLE \"Roster\" DROP COLUMN \"UpdatedUtcTicks\"",
            "UPDATE \"Roster\" SET \"DisplayName\" = '上官燕' WHERE \"SchoolStudentId\" = 'V1-0008'"]);
        Assert.True(StoredFiles.Contain(_host.DataFolder, "scheduler.db", "上官燕"));

        using var again = new SchedulerHost(_host.DataFolder, seedDemo: false);
        var roster = (await (await again.Admin().GetAsync($"/api/classrooms/{alliance.RoomV1}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();

        Assert.Equal("上官燕", (string?)Assert.Single(roster)!["displayName"]);
        Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", "上官燕"));
        Assert.All(StoredFiles.Column(_host.DataFolder, "scheduler.db", "Roster", "DisplayName"), v => Assert.StartsWith("v1:", v, StringComparison.Ordinal));
        Assert.All(StoredFiles.Column(_host.DataFolder, "scheduler.db", "Roster", "UpdatedUtcTicks"), v => Assert.NotEqual("0", v));
    }
}
