using System.Net;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Privacy;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Security;

/// <summary>A data folder written while kiosk and feed keys were stored in clear is upgraded at the next start.</summary>
public sealed class LinkKeyUpgradeTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: true);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_store_with_clear_keys_keeps_its_feed_links_working_and_loses_the_clear_keys_at_the_next_start()
    {
        var (room, teacher) = _host.Scoped(sp =>
        {
            var db = sp.GetRequiredService<SchedulerDbContext>();
            return (db.Classrooms.AsNoTracking().OrderBy(c => c.Id).First().Id, db.Teachers.AsNoTracking().OrderBy(t => t.Id).First().Id);
        });
        _host.Dispose();

        // The schema of the version before: one clear, uniquely indexed key per room (kiosk link and feed) and per teacher,
        // and no migrations history (migrations came later).
        StoredFiles.Execute(_host.DataFolder, "scheduler.db", [.. StoredFiles.SchedulerBeforeMigrations,
            "ALTER TABLE \"Classrooms\" ADD COLUMN \"KioskKey\" TEXT NOT NULL DEFAULT ''",
            "UPDATE \"Classrooms\" SET \"KioskKey\" = printf('oldroomkey%022d', \"Id\")",
            "CREATE UNIQUE INDEX \"IX_Classrooms_KioskKey\" ON \"Classrooms\" (\"KioskKey\")",
            "ALTER TABLE \"Classrooms\" DROP COLUMN \"KioskKeyHash\"",
            "ALTER TABLE \"Classrooms\" DROP COLUMN \"FeedKeyHash\"",
            "ALTER TABLE \"Teachers\" ADD COLUMN \"FeedKey\" TEXT NOT NULL DEFAULT ''",
            "UPDATE \"Teachers\" SET \"FeedKey\" = printf('oldteacherkey%019d', \"Id\")",
            "CREATE UNIQUE INDEX \"IX_Teachers_FeedKey\" ON \"Teachers\" (\"FeedKey\")",
            "ALTER TABLE \"Teachers\" DROP COLUMN \"FeedKeyHash\""]);
        var roomKey = $"oldroomkey{room:D22}";
        var teacherKey = $"oldteacherkey{teacher:D19}";
        Assert.True(StoredFiles.Contain(_host.DataFolder, "scheduler.db", roomKey));
        Assert.True(StoredFiles.Contain(_host.DataFolder, "scheduler.db", teacherKey));

        using var again = new SchedulerHost(_host.DataFolder, seedDemo: true);
        var anonymous = again.CreateClient();
        var roomFeed = $"/api/feeds/classrooms/{room}.ics?key={roomKey}";
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(roomFeed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/feeds/teachers/{teacher}.ics?key={teacherKey}")).StatusCode);
        Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", roomKey));
        Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", teacherKey));
        Assert.Contains(LinkKeys.Sha256Hex(roomKey), StoredFiles.Column(_host.DataFolder, "scheduler.db", "Classrooms", "KioskKeyHash"));
        Assert.Contains(LinkKeys.Sha256Hex(teacherKey), StoredFiles.Column(_host.DataFolder, "scheduler.db", "Teachers", "FeedKeyHash"));

        // The store takes new rooms again (the old NOT NULL column is gone), and a reset separates the feed from the old kiosk key.
        var school = again.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().Classrooms.AsNoTracking().First(c => c.Id == room).SchoolId);
        var admin = again.Admin();
        await (await admin.PostJsonAsync($"/api/schools/{school}/classrooms", new { grade = 6, className = "6年级1班", seats = 28 })).ReadAsync(HttpStatusCode.Created);
        var newFeed = await LinkKeys.ResetFeedAsync(admin, "classrooms", room);
        await (await anonymous.GetAsync(roomFeed)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newFeed)).StatusCode);
    }
}
