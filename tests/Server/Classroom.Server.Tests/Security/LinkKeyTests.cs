using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Privacy;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Security;

/// <summary>
/// Kiosk and calendar-feed keys are stored as SHA-256 hashes of 128-bit random keys: a key is
/// readable once, in the answer of the reset that made it; a classroom's feed has its own key,
/// apart from its kiosk key and from any device credential.
/// </summary>
public sealed partial class LinkKeyTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: true);

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private (long Room, long School, long Teacher) Demo() => _host.Scoped(sp =>
    {
        var db = sp.GetRequiredService<SchedulerDbContext>();
        var room = db.Classrooms.AsNoTracking().OrderBy(c => c.Id).First();
        return (room.Id, room.SchoolId, db.Teachers.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).First());
    });

    private long IdOf(string kind) => kind == "teachers" ? Demo().Teacher : Demo().Room;

    [Theory]
    [InlineData("teachers")]
    [InlineData("classrooms")]
    public async Task A_reset_feed_key_serves_the_feed_and_the_key_it_replaced_gets_404(string kind)
    {
        var admin = _host.Admin();
        var id = IdOf(kind);
        var anonymous = _host.CreateClient();

        var first = await LinkKeys.ResetFeedAsync(admin, kind, id);
        Assert.StartsWith($"/api/feeds/{kind}/{id}.ics?key=", first, StringComparison.Ordinal);
        var served = await anonymous.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/calendar", served.Content.Headers.ContentType?.MediaType);

        var second = await LinkKeys.ResetFeedAsync(admin, kind, id);
        Assert.NotEqual(first, second);
        await (await anonymous.GetAsync(first)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        await (await anonymous.GetAsync($"/api/feeds/{kind}/{id}.ics")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_from_resets_are_stored_only_as_their_sha256_never_in_scheduler_db()
    {
        var admin = _host.Admin();
        var (room, _, teacher) = Demo();

        var kiosk = await LinkKeys.ResetKioskAsync(admin, room);
        var roomFeed = LinkKeys.KeyOf(await LinkKeys.ResetFeedAsync(admin, "classrooms", room));
        var teacherFeed = LinkKeys.KeyOf(await LinkKeys.ResetFeedAsync(admin, "teachers", teacher));

        foreach (var key in new[] { kiosk, roomFeed, teacherFeed })
        {
            Assert.Matches(HexKey(), key);
            Assert.False(StoredFiles.Contain(_host.DataFolder, "scheduler.db", key), $"scheduler.db holds the key {key}");
        }

        Assert.Contains(LinkKeys.Sha256Hex(kiosk), StoredFiles.Column(_host.DataFolder, "scheduler.db", "Classrooms", "KioskKeyHash"));
        Assert.Contains(LinkKeys.Sha256Hex(roomFeed), StoredFiles.Column(_host.DataFolder, "scheduler.db", "Classrooms", "FeedKeyHash"));
        Assert.Contains(LinkKeys.Sha256Hex(teacherFeed), StoredFiles.Column(_host.DataFolder, "scheduler.db", "Teachers", "FeedKeyHash"));
    }

    [Fact]
    public async Task A_classroom_feed_key_is_not_its_kiosk_key_and_a_device_credential_opens_neither()
    {
        var admin = _host.Admin();
        var room = Demo().Room;
        var anonymous = _host.CreateClient();
        var kiosk = await LinkKeys.ResetKioskAsync(admin, room);
        var feedUrl = await LinkKeys.ResetFeedAsync(admin, "classrooms", room);
        Assert.NotEqual(kiosk, LinkKeys.KeyOf(feedUrl));

        // The kiosk key does not open the room's feed, and an enrolled PC of that very room gets no feed without the feed key.
        var feed = $"/api/feeds/classrooms/{room}.ics";
        await (await anonymous.GetAsync($"{feed}?key={kiosk}")).ProblemAsync(HttpStatusCode.NotFound);
        var credential = _host.DeviceCredential(room);
        var device = _host.WithToken(credential);
        await (await anonymous.GetAsync($"{feed}?key={Uri.EscapeDataString(credential)}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await device.GetAsync(feed)).ProblemAsync(HttpStatusCode.NotFound);
        await (await device.GetAsync($"{feed}?key={kiosk}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync(feedUrl)).StatusCode);

        // Each key is reset on its own: a new feed key leaves the kiosk key alone, a new kiosk key leaves the feed working.
        var newFeedUrl = await LinkKeys.ResetFeedAsync(admin, "classrooms", room);
        Assert.Contains(LinkKeys.Sha256Hex(kiosk), StoredFiles.Column(_host.DataFolder, "scheduler.db", "Classrooms", "KioskKeyHash"));
        await LinkKeys.ResetKioskAsync(admin, room);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newFeedUrl)).StatusCode);
    }

    [Fact]
    public async Task Classroom_and_teacher_answers_carry_no_key_and_no_link_with_one()
    {
        var admin = _host.Admin();
        var (room, school, teacher) = Demo();
        var keys = new[]
        {
            await LinkKeys.ResetKioskAsync(admin, room),
            LinkKeys.KeyOf(await LinkKeys.ResetFeedAsync(admin, "classrooms", room)),
            LinkKeys.KeyOf(await LinkKeys.ResetFeedAsync(admin, "teachers", teacher)),
        };
        string[] roomFields = ["className", "grade", "grades", "id", "rosterSize", "schoolId", "seats"];
        string[] teacherFields = ["id", "name", "schoolId"];

        var answers = new List<(JsonNode Body, string[] Fields)>
        {
            (await (await admin.GetAsync($"/api/classrooms/{room}")).ReadAsync(HttpStatusCode.OK), roomFields),
            (await (await admin.PutJsonAsync($"/api/classrooms/{room}", new { grade = 3, className = "3年级1班", seats = 31 })).ReadAsync(HttpStatusCode.OK), roomFields),
            (await (await admin.PostJsonAsync($"/api/schools/{school}/classrooms", new { grade = 6, className = "6年级1班", seats = 28 })).ReadAsync(HttpStatusCode.Created), roomFields),
            (await (await admin.PostJsonAsync($"/api/schools/{school}/teachers", new { name = "周老师" })).ReadAsync(HttpStatusCode.Created), teacherFields),
        };
        answers.AddRange((await (await admin.GetAsync($"/api/schools/{school}/classrooms")).ReadAsync(HttpStatusCode.OK)).AsArray().Select(r => (r!, roomFields)));
        var lead = _host.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().Teachers.AsNoTracking().First(t => t.Id == teacher).SchoolId);
        answers.AddRange((await (await admin.GetAsync($"/api/schools/{lead}/teachers")).ReadAsync(HttpStatusCode.OK)).AsArray().Select(t => (t!, teacherFields)));

        foreach (var (body, fields) in answers)
        {
            Assert.Equal(fields, body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            var text = body.ToJsonString();
            Assert.All(keys, k => Assert.DoesNotContain(k, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_room_and_teacher_made_by_the_demo_an_import_or_the_api_holds_hashes_of_its_own_fresh_keys()
    {
        var admin = _host.Admin();
        var (_, school, _) = Demo();
        await (await admin.PostJsonAsync($"/api/schools/{school}/classrooms", new { grade = 6, className = "6年级1班", seats = 28 })).ReadAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/api/schools/{school}/teachers", new { name = "周老师" })).ReadAsync(HttpStatusCode.Created);
        var code = _host.Scoped(sp => sp.GetRequiredService<SchedulerDbContext>().Schools.AsNoTracking().First(s => s.Id == school).Code);
        await (await admin.PostAsync("/api/alliances/1/import/classrooms", new StringContent($"学校代码,年级,班级,座位数\n{code},6,6年级2班,30\n", Encoding.UTF8, "text/csv")))
            .ReadAsync(HttpStatusCode.OK);

        var roomKiosk = StoredFiles.Column(_host.DataFolder, "scheduler.db", "Classrooms", "KioskKeyHash");
        var roomFeed = StoredFiles.Column(_host.DataFolder, "scheduler.db", "Classrooms", "FeedKeyHash");
        var teacherFeed = StoredFiles.Column(_host.DataFolder, "scheduler.db", "Teachers", "FeedKeyHash");
        Assert.True(roomKiosk.Count >= 14, $"only {roomKiosk.Count} rooms");
        Assert.True(teacherFeed.Count >= 5, $"only {teacherFeed.Count} teachers");

        var all = roomKiosk.Concat(roomFeed).Concat(teacherFeed).ToList();
        Assert.All(all, h => Assert.Matches(Sha256(), h));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexKey();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
