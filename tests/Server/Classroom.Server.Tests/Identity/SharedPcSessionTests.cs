using System.Net;
using System.Net.Http.Json;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// A teacher who signs in on an enrolled PC (a studio PC handing over to the console, a classroom PC) uses a shared
/// machine: the session ends two hours after sign-in even while in use, so a forgotten sign-out does not leave the
/// console to the next person. Elsewhere the session slides as before.
/// </summary>
public sealed class SharedPcSessionTests : IDisposable
{
    private readonly SchedulerHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task On_an_enrolled_pc_a_session_ends_two_hours_after_sign_in_even_in_use_and_elsewhere_it_slides()
    {
        using var admin = _host.Admin();
        var schools = (await (await admin.GetAsync("/api/alliances/1/schools")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var lead = (long)schools.First(s => (bool)s!["isLead"]!)!["id"]!;
        var studio = (long)(await (await admin.GetAsync($"/api/schools/{lead}/studios")).ReadAsync(HttpStatusCode.OK)).AsArray()[0]!["id"]!;
        using var pc = await PageSession.OpenAsync(_host);
        // The PC pairs as the kiosk page does: the credential comes back as its HttpOnly cookie, in the same browser.
        var pairing = await (await pc.Client.PostAsJsonAsync("/api/devices/pairing", new { kind = "studio" })).ReadAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/studios/{studio}/devices", new { code = (string)pairing["code"]! })).ReadAsync(HttpStatusCode.Created);
        await (await pc.Client.PostAsJsonAsync($"/api/devices/pairing/{(long)pairing["pairingId"]!}/claim", new { pollSecret = (string)pairing["pollSecret"]! }))
            .ReadAsync(HttpStatusCode.OK);
        await pc.RefreshAsync();
        await pc.SignInOrFailAsync("wangfang");
        using var desk = await PageSession.OpenAsync(_host);
        await desk.SignInOrFailAsync("wangfang");

        // In use every 20 minutes for 1 h 40 min: both sessions stay.
        for (var i = 0; i < 5; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("person", await SubjectKindAsync(pc));
            Assert.Equal("person", await SubjectKindAsync(desk));
        }

        // Past two hours from sign-in: the shared PC is back to being the device; the teacher's own desk still signed in.
        _host.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.NotEqual("person", await SubjectKindAsync(pc));
        Assert.Equal("person", await SubjectKindAsync(desk));
    }

    private static async Task<string> SubjectKindAsync(PageSession session)
    {
        var me = await session.Client.GetAsync("/api/me");
        if (me.StatusCode != HttpStatusCode.OK) return ((int)me.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var subject = (string)(await me.ReadAsync(HttpStatusCode.OK))["subject"]!;
        return subject[..subject.IndexOf(':', StringComparison.Ordinal)];
    }
}
