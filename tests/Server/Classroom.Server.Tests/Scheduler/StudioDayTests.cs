using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// <c>GET /api/device/studio</c> (docs/kiosk.md "Studio PC"): the enrolled studio PC of the demo lead
/// school's 录播室一 reads its Monday (the host's clock: 2026-11-23 08:00 in Shanghai) — the weekly
/// lessons, a one-date lesson and a booking, in bell order with their paired rooms and no minor's
/// name — and the next day with a lesson; another studio's PC sees only its own studio; a classroom
/// PC, people (school admin, the studio's teacher, the district admin) and anonymous callers are
/// refused, in the caller's language; a revoked studio PC is refused.
/// </summary>
public sealed class StudioDayTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Only_the_studios_own_pc_reads_its_day_with_weekly_one_date_and_booked_lessons()
    {
        var admin = _host.Admin();
        await admin.CurrentWeekAsync();
        var schools = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var lead = (long)schools.First(s => (bool)s!["isLead"]!)!["id"]!;
        var studios = (await (await admin.GetAsync($"/api/schools/{lead}/studios")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var studio1 = (long)studios.Single(s => (string)s!["name"]! == "录播室一")!["id"]!;
        var studio2 = (long)studios.Single(s => (string)s!["name"]! == "录播室二")!["id"]!;
        var teachers = (await (await admin.GetAsync($"/api/schools/{lead}/teachers")).ReadAsync(HttpStatusCode.OK)).AsArray();

        // A one-date lesson on Monday 第1节 (08:00–08:40: live at the host's 08:00) and a booking on Monday 第6节.
        var oneDate = await (await admin.PostJsonAsync("/api/alliances/1/lead-lessons", new
        {
            schoolId = lead, subject = "科学", grade = 4, teacherId = (long)teachers[1]!["id"]!, studioId = studio1, weekday = "Monday",
            periodName = "第1节", bitrateMbps = 2.0, oneOffDate = "2026-11-23",
        })).ReadAsync(HttpStatusCode.Created);
        var booking = await (await admin.PostJsonAsync($"/api/studios/{studio1}/bookings", new
        {
            teacherId = (long)teachers[1]!["id"]!, date = "2026-11-23", periodName = "第6节", subject = "书法", grade = 5,
        })).ReadAsync(HttpStatusCode.Created);
        var job = await admin.PollAsync((string)booking["solveJob"]!, j => (string?)j["state"] is "succeeded" or "failed");
        Assert.Equal("succeeded", (string)job["state"]!);

        var pc1 = _host.WithToken(await EnrolStudioPcAsync(admin, studio1));
        var day = await (await pc1.GetAsync("/api/device/studio")).ReadAsync(HttpStatusCode.OK);
        // A date far from today is a 400 naming the field, in the caller's language (not a 500 from the calendar's arithmetic).
        var far = await (await pc1.GetAsync("/api/device/studio?date=9999-12-31&lang=en")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The date must be within a year of today.", (string?)far["errors"]!["date"]![0]);
        Assert.Equal(studio1, (long)day["studioId"]!);
        Assert.Equal("录播室一", (string)day["studioName"]!);
        Assert.Equal(lead, (long)day["schoolId"]!);
        Assert.False(string.IsNullOrEmpty((string?)day["schoolName"]));
        Assert.Equal("2026-11-23", (string)day["date"]!);
        var lessons = day["lessons"]!.AsArray().Select(l => l!).ToList();
        Assert.Equal(["第1节", "第3节", "第5节", "第6节"], lessons.Select(l => (string)l["periodName"]!).ToArray());
        Assert.Equal(["科学", "音乐", "音乐", "书法"], lessons.Select(l => (string)l["subject"]!).ToArray());
        Assert.Equal([true, false, false, true], lessons.Select(l => (bool)l["oneDate"]!).ToArray());
        Assert.Equal(["live", "upcoming", "upcoming", "upcoming"], lessons.Select(l => (string)l["status"]!).ToArray());
        Assert.Equal($"L{oneDate.Id()}-20261123", (string)lessons[0]["lessonId"]!);
        Assert.Equal((string)booking["lessonId"]!, (string)lessons[3]["lessonId"]!);
        // Times by the lead school's bells: 第3节 rings 10:00–10:40 in Shanghai.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)lessons[1]["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(lessons, l => Assert.False(string.IsNullOrEmpty((string?)l["teacherName"])));
        // Paired rooms as stored: the weekly music lesson has its rooms.
        using (var scope = _host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
            foreach (var l in lessons)
            {
                var id = (string)l["lessonId"]!;
                var rooms = await db.Pairings.Where(p => p.LessonId == id).Select(p => p.ClassroomId).Distinct().CountAsync();
                Assert.Equal(rooms, (int)l["pairedRooms"]!);
            }
        }

        Assert.True((int)lessons[1]["pairedRooms"]! > 0, "the demo's Monday music lesson has paired rooms");
        Assert.Equal("2026-11-25", (string)day["nextDate"]!);

        // No minor's data: no roster name of any paired room, no join token.
        var text = await (await pc1.GetAsync("/api/device/studio")).Content.ReadAsStringAsync();
        var room = (long)(await admin.CurrentWeekAsync())["pairings"]!.AsArray().First(p => (string)p!["lessonId"]! == (string)lessons[1]["lessonId"]!)!["classroomId"]!;
        var roster = (await (await admin.GetAsync($"/api/classrooms/{room}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.NotEmpty(roster);
        Assert.All(roster, s => Assert.DoesNotContain((string)s!["displayName"]!, text, StringComparison.Ordinal));
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);

        // Another date: Tuesday has no lesson in 录播室一; the next is Wednesday.
        var tuesday = await (await pc1.GetAsync("/api/device/studio?date=2026-11-24")).ReadAsync(HttpStatusCode.OK);
        Assert.Empty(tuesday["lessons"]!.AsArray());
        Assert.Equal("2026-11-25", (string)tuesday["nextDate"]!);

        // Another studio's PC reads its own studio, never 录播室一's lessons.
        var pc2 = _host.WithToken(await EnrolStudioPcAsync(admin, studio2));
        var other = await (await pc2.GetAsync("/api/device/studio")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(studio2, (long)other["studioId"]!);
        Assert.DoesNotContain(other["lessons"]!.AsArray(), l => ((string)l!["lessonId"]!).StartsWith($"L{oneDate.Id()}-", StringComparison.Ordinal));
        Assert.Empty(other["lessons"]!.AsArray());

        // A classroom PC and people are refused in their language; anonymous callers are asked to sign in.
        var classroomPc = _host.WithToken(_host.DeviceCredential(room));
        var refused = await (await classroomPc.GetAsync("/api/device/studio")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string)refused["code"]!);
        Assert.Contains("教室电脑", (string)refused["detail"]!, StringComparison.Ordinal);
        var refusedEn = await (await classroomPc.GetAsync("/api/device/studio?lang=en")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("classroom PC", (string)refusedEn["detail"]!, StringComparison.Ordinal);
        foreach (var person in new[] { "school", "wangfang", "test-admin" })
        {
            var client = _host.WithToken(_host.AccessToken(person));
            var problem = await (await client.GetAsync("/api/device/studio")).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("录播主机", (string)problem["detail"]!, StringComparison.Ordinal);
            var problemEn = await (await client.GetAsync("/api/device/studio?lang=en")).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("studio PC", (string)problemEn["detail"]!, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient().GetAsync("/api/device/studio")).StatusCode);

        // The studio's own PC does not read a classroom's lesson either (the kiosk's endpoint), in its language.
        var notRoom = await (await pc1.GetAsync("/api/device/lesson?lang=en")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("classroom device", (string)notRoom["detail"]!, StringComparison.Ordinal);

        // Revoked: refused.
        var me = await (await pc1.GetAsync("/api/device")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/{me.Id()}")).StatusCode);
        var after = await pc1.GetAsync("/api/device/studio");
        Assert.True(after.StatusCode is HttpStatusCode.Unauthorized, $"a revoked studio PC: {(int)after.StatusCode}");
    }

    /// <summary>
    /// The studio PC joins its studio's lesson as an encoder: it may publish and play, but its token has no hub, so it can
    /// neither enter the lesson's hub nor bring a room on stage — that is the signed-in teacher's (authority is a person's,
    /// not the place's).
    /// </summary>
    [Fact]
    public async Task The_studio_pc_joins_its_lesson_as_an_encoder_without_the_teachers_hub_or_stage()
    {
        var admin = _host.Admin();
        var week = await admin.CurrentWeekAsync();
        var lesson = week["pairings"]!.AsArray().First()!;
        var leads = (await (await admin.GetAsync("/api/alliances/1/lead-lessons")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var studio = (long)leads.Single(l => (long)l!["id"]! == (long)lesson["leadLessonId"]!)!["studioId"]!;
        var lessonId = (string)lesson["lessonId"]!;
        var pc = _host.WithToken(await EnrolStudioPcAsync(admin, studio));
        var joined = await (await pc.PostAsync($"/api/lessons/{lessonId}/join", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("studio", (string)joined["role"]!);
        using var scope = _host.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<Classroom.Scheduler.Tokens.JoinTokenService>().TryValidate((string)joined["token"]!, out var claims, out _));
        Assert.True(claims!.HasScope(Classroom.Contracts.Tokens.JoinTokenScopes.Publish));
        Assert.False(claims.HasScope(Classroom.Contracts.Tokens.JoinTokenScopes.Hub));
        using var encoder = _host.WithToken((string)joined["token"]!);
        var stage = await encoder.PostJsonAsync($"/api/lessons/{lessonId}/stage-tokens", new { classroomId = (long)lesson["classroomId"]! });
        Assert.Equal(HttpStatusCode.Forbidden, stage.StatusCode);
    }

    /// <summary>A studio PC paired as an encoder does: asks for a code, the admin types it for the studio, the PC claims its credential in the body.</summary>
    private async Task<string> EnrolStudioPcAsync(HttpClient admin, long studio)
    {
        var pc = _host.CreateClient();
        var pairing = await (await pc.PostJsonAsync("/api/devices/pairing", new { kind = "studio" })).ReadAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/studios/{studio}/devices", new { code = (string)pairing["code"]! })).ReadAsync(HttpStatusCode.Created);
        var claimed = await (await pc.PostAsJsonAsync($"/api/devices/pairing/{(long)pairing["pairingId"]!}/claim",
            new { pollSecret = (string)pairing["pollSecret"]!, body = true })).ReadAsync(HttpStatusCode.OK);
        return (string)claimed["credential"]!;
    }
}
