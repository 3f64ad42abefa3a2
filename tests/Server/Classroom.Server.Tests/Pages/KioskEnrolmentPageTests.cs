using System.Text.RegularExpressions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// A projector PC that has never been enrolled: the kiosk page shows a pairing code, an admin
/// types it in on the admin console's devices view, and the kiosk (the Vue page, docs/kiosk.md) leaves the pairing screen by
/// itself for its room; the enrolment ends with a click that unlocks sound, then the idle screen.
/// </summary>
public sealed partial class KioskEnrolmentPageTests(PageBrowser browser) : ServerPageTest(new SchedulerHost())
{
    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex PairingCode();

    [Theory]
    [InlineData("zh-CN", 0)]
    [InlineData("en", 1)]
    public async Task A_new_classroom_PC_shows_a_pairing_code_and_joins_its_room_once_an_admin_enrols_it(string lang, int classroomIndex)
    {
        var english = lang == "en";
        await using var kioskContext = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var kiosk = await kioskContext.NewPageAsync();
        var kioskCalls = new List<string>();
        kiosk.Response += (_, r) => { lock (kioskCalls) kioskCalls.Add($"{r.Request.Method} {new Uri(r.Url).AbsolutePath} {r.Status}"); };
        await kiosk.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        var code = kiosk.GetByTestId("pairing-code");
        await Assertions.Expect(code).ToHaveTextAsync(PairingCode(), new() { Timeout = 30_000 });
        await Assertions.Expect(kiosk.Locator("#pairing-help")).ToHaveTextAsync(english
            ? "Ask a school admin to enter this code in Administration → Devices"
            : "请学校管理员在 教务管理 → 设备 中输入此代码");
        await Assertions.Expect(kiosk.GetByTestId("next-lesson")).ToBeHiddenAsync();
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-pairing.{lang}");

        // The district admin, signed in on another PC, goes to the PC's school in the admin console
        // and enrols the code for a classroom there (a school admin does the same: AdminPeoplePageTests).
        await using var adminContext = await browser.NewContextAsync(english ? "en-US" : "zh-CN");
        var admin = await adminContext.NewPageAsync();
        var adminLog = AdminConsoleKit.Watch(admin);
        admin.Response += (_, r) => { lock (adminLog) adminLog.Add($"{r.Request.Method} {new Uri(r.Url).PathAndQuery} {r.Status}"); };
        await admin.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        try
        {
            await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sign\-in\.html\?returnUrl=.*"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            lock (adminLog) Assert.Fail($"admin page stayed at {admin.Url}: {string.Join(" | ", adminLog)}");
        }

        await PageBrowser.SignInAsync(admin, "admin", "classroom-2026", english);
        await AdminConsoleKit.ChooseAsync(admin, "school-select", "河湾村小学");
        await admin.Locator("[data-view=devices]").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("devices-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.GetByTestId("device-classroom").ClickAsync();
        var room = admin.Locator(".el-select-dropdown__item:visible").Nth(classroomIndex);
        var roomLabel = (await room.TextContentAsync())!.Trim();
        await room.ClickAsync();
        await admin.GetByLabel(english ? "Pairing code" : "配对码", new() { Exact = true }).FillAsync((await code.TextContentAsync())!.ToLowerInvariant());
        await admin.GetByLabel(english ? "Device name" : "设备名称", new() { Exact = true }).FillAsync(english ? "Projector PC" : "投影电脑");
        await admin.GetByRole(AriaRole.Button, new() { Name = english ? "Enrol device" : "登记设备" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("device-result")).ToContainTextAsync(english ? "Enrolled" : "已登记", new() { Timeout = 15_000 });
        await Assertions.Expect(admin.GetByTestId("device-row").Filter(new() { HasText = english ? "Projector PC" : "投影电脑" })).ToHaveCountAsync(1);

        // The kiosk notices by itself (it polls every 3 s) and shows its room.
        try
        {
            await Assertions.Expect(kiosk.GetByTestId("room-name")).ToContainTextAsync(roomLabel, new() { Timeout = 20_000 });
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"kiosk still shows: {await kiosk.Locator("#pairing-status").TextContentAsync()} | {await kiosk.Locator(".kiosk-error").TextContentAsync()} | {string.Join(" ", kioskCalls)}");
        }

        await Assertions.Expect(kiosk.GetByTestId("pairing-code")).ToBeHiddenAsync();
        // The enrolment ends with one click, which lets this page start the lesson's sound by itself.
        var unlock = kiosk.GetByTestId("unlock");
        await Assertions.Expect(unlock).ToHaveTextAsync(english ? "Start (turn sound on)" : "开始使用（开启声音）");
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-unlock.{lang}");
        await unlock.ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("next-lesson")).Not.ToBeEmptyAsync(new() { Timeout = 15_000 });
        await PageBrowser.ScreenshotAsync(kiosk, $"kiosk-room.{lang}");

        // A reload keeps the enrolment: the HttpOnly device cookie, not anything in the URL or storage.
        await kiosk.ReloadAsync();
        await Assertions.Expect(kiosk.GetByTestId("room-name")).ToContainTextAsync(roomLabel, new() { Timeout = 15_000 });
        Assert.DoesNotContain("device", kiosk.Url, StringComparison.Ordinal);
        var cookies = await kioskContext.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "classroom.device" && c.HttpOnly && c.Value.StartsWith("cr_dev_", StringComparison.Ordinal));
        Assert.DoesNotContain("cr_dev_", await kiosk.EvaluateAsync<string>("() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"), StringComparison.Ordinal);
    }
}
