using System.Text.RegularExpressions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// A studio PC enrolled from the studios view (docs/admin-studios.md "Studio PCs"), in real
/// Chromium against the real server with the demo alliance: a browser opens the pairing page as
/// a studio PC does and shows its code; the lead school's admin creates a studio, is refused a
/// code no device shows (the server's sentence), enrols the PC by the shown code (typed in lower
/// case), and the PC leaves its pairing screen for its studio screen, holding a studio credential; the admin revokes it
/// after a confirmation and the PC's credential is refused. Keyboard, axe-core, both languages.
/// </summary>
public sealed partial class AdminStudioDevicesPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";

    [GeneratedRegex("^[A-Z0-9]{4}-[A-Z0-9]{4}$")]
    private static partial Regex PairingCode();

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_school_admin_enrols_a_studio_pc_by_the_code_it_shows_and_revokes_it(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;
        var studioName = T("录播室甲", "Studio A");

        // The studio PC opens the pairing page (the same page a classroom PC opens) and shows its code.
        await using var pcContext = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var pc = await pcContext.NewPageAsync();
        await pc.GotoAsync($"{BaseUrl}/vue/kiosk.html?lang={lang}");
        var code = pc.GetByTestId("pairing-code");
        await Assertions.Expect(code).ToHaveTextAsync(PairingCode(), new() { Timeout = 30_000 });

        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(page, "school", Password, en);
        await Assertions.Expect(page.Locator("[data-view=studios]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-view=studios]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("studios-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel(T("录播室名称", "Studio name"), new() { Exact = true }).FillAsync(studioName);
        await page.GetByTestId("studio-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("studio-row")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("studio-device-count")).ToHaveTextAsync(T("0 台使用中", "0 in use"));

        // "Studio PCs" on the row: its panel, the code field focused.
        await page.GetByTestId("studio-devices").ClickAsync();
        var panel = page.GetByTestId("studio-devices-panel");
        await Assertions.Expect(panel).ToContainTextAsync(T($"“{studioName}”的录播主机", $"Studio PCs of '{studioName}'"));
        var codeField = panel.GetByLabel(T("配对码", "Pairing code"), new() { Exact = true });
        await Assertions.Expect(codeField).ToBeFocusedAsync();
        await Assertions.Expect(panel.GetByTestId("studio-device-row")).ToHaveCountAsync(0);

        // A malformed code is told before sending; a code no PC shows is the server's sentence.
        await codeField.FillAsync("abc");
        await panel.GetByTestId("studio-device-enrol").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("studio-device-result")).ToHaveTextAsync(
            T("配对码是屏幕上的 8 位字母和数字，如 ABCD-EFGH。", "The pairing code is the 8 letters and digits on the screen, e.g. ABCD-EFGH."));
        var shown = (await code.TextContentAsync())!;
        var other = shown.StartsWith('A') ? "BBBB-BBBB" : "AAAA-AAAA";
        await codeField.FillAsync(other);
        await panel.GetByTestId("studio-device-enrol").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("studio-device-result")).ToHaveTextAsync(
            T("配对码不存在或已过期，请核对投影屏幕上的代码。", "No pending device shows that code (or it expired); check the code on the screen."), new() { Timeout = 30_000 });
        await Assertions.Expect(panel.GetByTestId("studio-device-result")).ToHaveAttributeAsync("role", "alert");

        // The shown code, as people type it: enrolled for this studio.
        await codeField.FillAsync(shown.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        await panel.GetByLabel(T("设备名称", "Device name"), new() { Exact = true }).FillAsync(T("录播主机一", "Recording PC 1"));
        await panel.GetByTestId("studio-device-enrol").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("studio-device-result")).ToContainTextAsync(
            T($"已将“录播主机一”登记到{studioName}", $"Enrolled 'Recording PC 1' for {studioName}"), new() { Timeout = 30_000 });
        await Assertions.Expect(panel.GetByTestId("studio-device-row")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.GetByTestId("studio-device-state")).ToHaveTextAsync(T("使用中", "Active"));
        await Assertions.Expect(page.GetByTestId("studio-device-count")).ToHaveTextAsync(T("1 台使用中", "1 in use"), new() { Timeout = 30_000 });

        // The PC notices by itself: it leaves its pairing screen, holding a credential of this studio.
        await Assertions.Expect(pc.GetByTestId("pairing-code")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        // A studio PC has no sound unlock: it shows its studio's day (KioskStudioPageTests, docs/kiosk.md "Studio PC").
        await Assertions.Expect(pc.GetByTestId("studio-screen")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var device = await pc.EvaluateAsync<string>("async () => await (await fetch('/api/device')).text()");
        Assert.Contains("\"kind\":\"studio\"", device, StringComparison.Ordinal);
        var studioId = await page.GetByTestId("studio-row").GetAttributeAsync("data-studio");
        Assert.Contains($"\"studioId\":{studioId}", device, StringComparison.Ordinal);
        await PageBrowser.ScreenshotAsync(page, $"admin-studio-devices.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // Keyboard: Tab reaches the row's "Studio PCs" button, the code field, the enrol button and the revoke button.
        await page.Locator("body").FocusAsync();
        var wanted = new[] { "studio-devices", "studio-device-code", "studio-device-enrol", "studio-device-revoke" };
        var reached = new HashSet<string>();
        for (var i = 0; i < 80 && reached.Count < wanted.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>("() => document.activeElement?.closest('[data-testid]')?.dataset.testid ?? ''");
            if (wanted.Contains(id)) reached.Add(id);
        }

        Assert.True(reached.Count == wanted.Length, "reached by Tab: " + string.Join(", ", reached));

        // Revoke asks first; keeping it keeps it; revoking ends the PC's credential.
        await panel.GetByTestId("studio-device-revoke").ClickAsync();
        var confirm = page.GetByTestId("studio-device-revoke-dialog");
        await Assertions.Expect(confirm).ToContainTextAsync(T("录播主机一", "Recording PC 1"), new() { Timeout = 30_000 });
        await Assertions.Expect(confirm).ToContainTextAsync(studioName);
        await PageBrowser.ScreenshotAsync(page, $"admin-studio-devices-revoke.{lang}");
        await confirm.GetByRole(AriaRole.Button, new() { Name = T("取消", "Cancel") }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("studio-device-state")).ToHaveTextAsync(T("使用中", "Active"));
        await panel.GetByTestId("studio-device-revoke").ClickAsync();
        await page.GetByTestId("studio-device-revoke-confirm").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("studio-device-state")).ToHaveTextAsync(T("已吊销", "Revoked"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("studio-device-count")).ToHaveTextAsync(T("0 台使用中", "0 in use"), new() { Timeout = 30_000 });
        var after = await pc.EvaluateAsync<int>("async () => (await fetch('/api/device')).status");
        Assert.True(after is 401 or 403, $"the revoked PC's credential answered {after}");
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal) ||
            (l.StartsWith("error", StringComparison.Ordinal) && !l.Contains("status of 404", StringComparison.Ordinal)));
    }
}
