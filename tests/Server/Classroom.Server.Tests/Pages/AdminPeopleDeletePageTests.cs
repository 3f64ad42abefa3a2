using System.Net;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Deleting a person from the console's people view (docs/admin-people.md "Deleting a person"),
/// in real Chromium against the real server with the demo alliance: the school admin deletes the
/// demo student — the dialog says what is erased (the student's roster and replay records too),
/// the delete button works only once the name is typed, the row goes and the student's token is
/// refused at once — and is refused, in the page's language, deleting their own account. axe-core
/// on the dialog; screenshots in both languages.
/// </summary>
public sealed class AdminPeopleDeletePageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_school_admin_deletes_a_student_after_typing_their_name_and_cannot_delete_themselves(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;
        using var student = Host.WithToken(Host.AccessToken("xiaoming"));
        await (await student.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);

        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var admin = await context.NewPageAsync();
        var console = Watch(admin);
        await admin.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(admin, "school", Password, en);
        await Assertions.Expect(admin.Locator("[data-view=people]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.Locator("[data-view=people]").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("people-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var rows = admin.GetByTestId("people-list").Locator("tbody tr");
        await admin.GetByTestId("people-search").FillAsync("xiaoming");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("小明");

        // The row's delete button names the person; the dialog says what goes and what stays.
        await admin.GetByRole(AriaRole.Button, new() { Name = T("删除 小明 的账号", "Delete the account of 小明") }).ClickAsync();
        var dialog = admin.GetByTestId("person-delete-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(T("删除 小明", "Delete 小明"));
        await Assertions.Expect(dialog.GetByTestId("person-delete-what")).ToContainTextAsync(T("无法再登录", "can never sign in again"));
        await Assertions.Expect(dialog.GetByTestId("person-delete-student")).ToContainTextAsync(T("班级名单", "class roster"));
        await Assertions.Expect(dialog.GetByTestId("person-delete-what")).ToContainTextAsync(T("不再显示此人的姓名", "no longer show their name"));
        var typed = dialog.GetByLabel(T("请输入此人的姓名“小明”或用户名“xiaoming”以确认", "Type the person's name “小明” or user name “xiaoming” to confirm"));
        await Assertions.Expect(typed).ToBeFocusedAsync();
        var confirm = dialog.GetByTestId("person-delete-confirm");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await typed.FillAsync("小");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await typed.FillAsync("小明");
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        await PageBrowser.ScreenshotAsync(admin, $"admin-people-delete.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(admin, output);

        // Enter in the field deletes; the row goes, the page says so, and the student's token is refused at once.
        await typed.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(admin.GetByTestId("people-message")).ToContainTextAsync(T("已删除账号“小明”", "Deleted the account of “小明”"));
        await Assertions.Expect(rows).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(admin.GetByTestId("people-list")).ToContainTextAsync(T("没有", "No"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.GetAsync("/api/me")).StatusCode);

        // Their own account: the server's refusal, in the page's language; the row stays.
        await admin.GetByTestId("people-search").FillAsync("school");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await rows.First.GetByTestId("person-delete").ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByTestId("person-delete-student")).ToHaveCountAsync(0);
        await dialog.Locator("#person-delete-confirm").FillAsync("school");
        await confirm.ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("person-delete-error")).ToContainTextAsync(T("不能删除您自己的账号", "You cannot delete your own account"), new() { Timeout = 15_000 });
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(admin, output);
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }
}
