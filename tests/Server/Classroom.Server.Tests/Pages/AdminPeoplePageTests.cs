using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// People, devices and the audit log in the Vue admin console (docs/admin-people.md), in real
/// Chromium against the real server with the demo alliance: a school admin enrols a classroom PC
/// from the console with the code a real kiosk page shows and the kiosk leaves its pairing screen;
/// the school admin sees only their school's people and devices, creates a student, resets a
/// password, revokes an access token and the device; an auditor signs in, lands on the audit log,
/// finds the enrolment by person and action, and exports it as CSV. axe-core on every view.
/// </summary>
public sealed partial class AdminPeoplePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";

    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex PairingCode();

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_school_admin_enrols_a_kiosk_by_its_code_manages_their_schools_people_and_an_auditor_finds_it_in_the_log(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;
        await CreateAuditorAsync();
        var schoolToken = Host.AccessToken("school");

        // A projector PC that was never enrolled shows its pairing code.
        await using var kioskContext = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var kiosk = await kioskContext.NewPageAsync();
        await kiosk.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        var code = kiosk.GetByTestId("pairing-code");
        await Assertions.Expect(code).ToHaveTextAsync(PairingCode(), new() { Timeout = 30_000 });

        // The school admin signs in to the console: their school only, with people and devices.
        await using var adminContext = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var admin = await adminContext.NewPageAsync();
        var console = Watch(admin);
        await admin.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(admin, "school", Password, en);
        await Assertions.Expect(admin.GetByTestId("setup-rooms")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(["rooms", "teachers", "bells", "demands", "people", "devices", "studios", "rosters"], await admin.Locator("[data-view]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.view)"));
        var schoolName = (await admin.GetByTestId("school-select").TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(schoolName));

        // Devices: enrol the kiosk's code (typed in lower case, as people do) for the second room.
        await admin.Locator("[data-view=devices]").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("devices-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(admin.GetByTestId("device-row")).ToHaveCountAsync(1, new() { Timeout = 30_000 }); // the demo's pre-enrolled PC
        await admin.GetByTestId("device-classroom").ClickAsync();
        var room = admin.Locator(".el-select-dropdown__item:visible").Nth(1);
        var roomName = (await room.TextContentAsync())!.Trim();
        await room.ClickAsync();
        await admin.GetByLabel(T("配对码", "Pairing code"), new() { Exact = true }).FillAsync((await code.TextContentAsync())!.ToLowerInvariant());
        await admin.GetByLabel(T("设备名称", "Device name"), new() { Exact = true }).FillAsync(T("投影电脑", "Projector PC"));
        await admin.GetByRole(AriaRole.Button, new() { Name = T("登记设备", "Enrol device") }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("device-result")).ToContainTextAsync(T("已登记", "Enrolled"), new() { Timeout = 15_000 });
        await Assertions.Expect(admin.GetByTestId("device-row")).ToHaveCountAsync(2);

        // The kiosk notices by itself and leaves its pairing screen for its room.
        await Assertions.Expect(kiosk.GetByTestId("room-name")).ToContainTextAsync(roomName, new() { Timeout = 20_000 });
        await Assertions.Expect(kiosk.GetByTestId("pairing-code")).ToBeHiddenAsync();

        // Its requests since then are its "last seen": online.
        await admin.ReloadAsync();
        var row = admin.GetByTestId("device-list").Locator("tr", new() { Has = admin.GetByText(T("投影电脑", "Projector PC"), new() { Exact = true }) });
        await Assertions.Expect(row.GetByTestId("device-seen")).ToHaveTextAsync(T("在线", "Online"), new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync(roomName);
        await PageBrowser.ScreenshotAsync(admin, $"admin-devices.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(admin, output);

        // Keyboard: Tab from the top reaches the menu, the code, the enrol button and a revoke button.
        await admin.Locator("body").FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 40 && reached.Count < 4; i++)
        {
            await admin.Keyboard.PressAsync("Tab");
            var id = await admin.EvaluateAsync<string>("() => { const a = document.activeElement; return a?.dataset.view ? 'menu' : a?.closest('[data-testid]')?.dataset.testid ?? ''; }");
            if (id is "menu" or "device-code" or "device-enrol" or "device-revoke") reached.Add(id);
        }

        Assert.True(reached.Count == 4, "reached by Tab: " + string.Join(", ", reached));

        // Only their school: another school's devices are refused to this session.
        var otherSchool = await admin.EvaluateAsync<int>("""
            async () => { const s = await (await fetch('/api/auth/session')).json(); const mine = s.me.grants[0].schoolId;
              return (await fetch(`/api/schools/${mine === 1 ? 2 : 1}/devices`)).status; }
            """);
        Assert.Equal(403, otherSchool);

        // People: only the school's; create a student, reset their password, revoke the admin's own access token.
        await admin.Locator("[data-view=people]").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("person-grant").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var grants = await admin.GetByTestId("person-grant").AllTextContentsAsync();
        Assert.All(grants, g => Assert.Contains(schoolName, g, StringComparison.Ordinal));
        await Assertions.Expect(admin.GetByTestId("people-list")).Not.ToContainTextAsync("教育局管理员");
        await admin.GetByTestId("person-create").ClickAsync();
        var dialog = admin.GetByTestId("person-dialog");
        await dialog.GetByLabel(T("用户名", "User name")).FillAsync("zhang.san");
        await dialog.GetByLabel(T("姓名", "Name"), new() { Exact = true }).FillAsync("张三");
        await ChooseAsync(admin, "person-role", T("学生", "Student"));
        await ChooseAsync(admin, "person-pick", roomName); // the kiosk's room, a class of this school (chosen, and its dropdown closed before Save)
        await admin.GetByTestId("person-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("enrolment-link")).ToHaveValueAsync(new Regex(@"/enrol\.html#code="), new() { Timeout = 15_000 });
        await admin.GetByRole(AriaRole.Button, new() { Name = T("完成", "Done") }).ClickAsync();
        await admin.GetByTestId("people-search").FillAsync("zhang");
        await Assertions.Expect(admin.GetByTestId("people-list").Locator("tbody tr")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(admin.GetByTestId("people-list")).ToContainTextAsync(T("学生", "Student"));
        await admin.GetByRole(AriaRole.Button, new() { Name = T("重置密码（张三）", "Reset password (张三)") }).ClickAsync();
        await admin.GetByTestId("password-reset-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("enrolment-link")).ToHaveValueAsync(new Regex(@"/enrol\.html#code="), new() { Timeout = 15_000 });
        await admin.GetByRole(AriaRole.Button, new() { Name = T("完成", "Done") }).ClickAsync();

        await admin.GetByTestId("people-search").FillAsync("");
        await Assertions.Expect(admin.GetByTestId("people-list").Locator("tbody tr")).Not.ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await PageBrowser.ScreenshotAsync(admin, $"admin-people.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(admin, output);
        var schoolAdminName = await admin.EvaluateAsync<string>("async () => (await (await fetch('/api/auth/session')).json()).me.name");
        await admin.GetByRole(AriaRole.Button, new() { Name = T($"{schoolAdminName} 的访问令牌", $"Access tokens of {schoolAdminName}") }).ClickAsync();
        await admin.GetByTestId("token-revoke").First.ClickAsync();
        await Assertions.Expect(admin.GetByTestId("tokens-dialog")).ToContainTextAsync(T("已吊销", "Revoked"), new() { Timeout = 15_000 });
        using (var revoked = Host.WithToken(schoolToken))
            Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/me")).StatusCode);
        await admin.Keyboard.PressAsync("Escape");

        // Revoking the device, after a confirmation: the kiosk's credential is refused from then on.
        await admin.Locator("[data-view=devices]").ClickAsync();
        await row.GetByTestId("device-revoke").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("revoke-dialog")).ToContainTextAsync(roomName);
        await admin.GetByTestId("revoke-confirm").ClickAsync();
        await Assertions.Expect(row.GetByTestId("device-state")).ToHaveTextAsync(T("已吊销", "Revoked"), new() { Timeout = 15_000 });
        Assert.Equal(401, await kiosk.EvaluateAsync<int>("async () => (await fetch('/api/device')).status"));
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));

        // The auditor lands on the audit log, finds the enrolment by person and action, and exports it.
        await using var auditorContext = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var auditor = await auditorContext.NewPageAsync();
        await auditor.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(auditor, "auditor", Password, en);
        await Assertions.Expect(auditor.GetByTestId("audit-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(["audit"], await auditor.Locator("[data-view]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.view)"));
        await auditor.GetByTestId("audit-subject").FillAsync(schoolAdminName);
        await auditor.GetByTestId("audit-action").FillAsync("devices");
        await FillDateAsync(auditor, T("开始日期", "From date"), "2026-11-23");
        await FillDateAsync(auditor, T("结束日期", "To date"), "2026-11-23");
        await auditor.GetByTestId("audit-search").ClickAsync();
        // The landing list already holds these rows among everyone's: wait for the filtered answer
        // (only the school admin's rows) before counting, or the counts pass on the old list.
        await Assertions.Expect(auditor.GetByTestId("audit-who").Filter(new() { HasNotText = schoolAdminName })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(auditor.Locator("[data-testid=audit-row][data-action='POST /api/classrooms/{classroomId:long}/devices']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(auditor.Locator("[data-testid=audit-row][data-action='DELETE /api/devices/{id:long}']")).ToHaveCountAsync(1);
        await Assertions.Expect(auditor.GetByTestId("audit-list")).ToContainTextAsync(T("登记设备", "Enrol device"));
        Assert.All(await auditor.GetByTestId("audit-who").AllTextContentsAsync(), w => Assert.Equal(schoolAdminName, w));
        // The total is the server's count of every match (X-Total-Count), the same as the rows of this one page.
        var shown = await auditor.GetByTestId("audit-row").CountAsync();
        await Assertions.Expect(auditor.GetByTestId("audit-total")).ToHaveAttributeAsync("data-total", shown.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(auditor.GetByTestId("audit-total")).ToHaveTextAsync(T($"共 {shown} 条记录", $"{shown} entries"));
        await PageBrowser.ScreenshotAsync(auditor, $"admin-audit.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(auditor, output);

        var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByTestId("audit-export").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("at,subject,name,scope,client,action,target,outcome,status", csv, StringComparison.Ordinal);
        Assert.Contains("POST /api/classrooms/{classroomId:long}/devices", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("roster.read", csv, StringComparison.Ordinal);
        await Assertions.Expect(auditor.GetByTestId("audit-exported")).ToContainTextAsync("audit.csv");

        // Reading and exporting the log are themselves in the log.
        await auditor.GetByTestId("audit-subject").FillAsync("");
        await auditor.GetByTestId("audit-action").FillAsync("audit.export");
        await auditor.GetByTestId("audit-search").ClickAsync();
        await Assertions.Expect(auditor.Locator("[data-testid=audit-row][data-action='audit.export']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
    }

    private async Task CreateAuditorAsync()
    {
        using var scope = Host.Services.CreateScope();
        var (created, result) = await scope.ServiceProvider.GetRequiredService<Accounts>()
            .CreateAsync("auditor", "县审计员", [new Grant(AccountRole.Auditor)], Password, CancellationToken.None);
        Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Types a day into an Element Plus date picker and confirms it.</summary>
    private static async Task FillDateAsync(IPage page, string label, string day)
    {
        var input = page.GetByPlaceholder(label, new() { Exact = true });
        await input.FillAsync(day);
        await input.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(input).ToHaveValueAsync(day);
    }
}
