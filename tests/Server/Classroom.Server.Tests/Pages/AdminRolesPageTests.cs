using System.Net;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// A person's roles edited in the console's people view (docs/admin-people.md "Roles"), in real
/// Chromium against the real server with the demo alliance: the school admin opens a teacher's
/// roles, adds "school admin" (the teacher's own token can list the school's people at once),
/// removes the teacher role after a confirmation, and is refused — in the page's language — when
/// removing the only role left. Keyboard and axe-core on the dialog; screenshots in both languages.
/// </summary>
public sealed class AdminRolesPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_school_admin_adds_a_second_role_to_a_teacher_and_removes_one(string lang)
    {
        var en = lang == "en";
        string T(string zh, string english) => en ? english : zh;

        // A teacher of the school admin's school, with an account (as the people view makes one).
        using var school = Host.WithToken(Host.AccessToken("school"));
        var me = await (await school.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        var schoolId = (long)me["grants"]![0]!["schoolId"]!;
        var teacherRecord = (await (await school.PostJsonAsync($"/api/schools/{schoolId}/teachers", new { name = "李老师" })).ReadAsync(HttpStatusCode.Created)).Id();
        await (await school.PostJsonAsync("/api/people", new { userName = "li.laoshi", displayName = "李老师", grants = new[] { new { role = "teacher", teacherId = teacherRecord } } }))
            .ReadAsync(HttpStatusCode.Created);
        using var teacher = Host.WithToken(Host.AccessToken("li.laoshi"));
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync($"/api/schools/{schoolId}/people")).StatusCode);

        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var admin = await context.NewPageAsync();
        var console = Watch(admin);
        await admin.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}");
        await PageBrowser.SignInAsync(admin, "school", Password, en);
        await Assertions.Expect(admin.Locator("[data-view=people]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.Locator("[data-view=people]").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("people-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.GetByTestId("people-search").FillAsync("li.laoshi");
        await Assertions.Expect(admin.GetByTestId("people-list").Locator("tbody tr")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        // Open the roles dialog from the row (its button names the person for screen readers).
        await admin.GetByRole(AriaRole.Button, new() { Name = T("编辑 李老师 的角色", "Edit the roles of 李老师") }).ClickAsync();
        var dialog = admin.GetByTestId("roles-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToHaveCountAsync(1);
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToContainTextAsync(T("教师", "Teacher"));

        // Add "school admin": offered as in the create dialog, bound to this school without a pick.
        await ChooseAsync(admin, "roles-add-role", T("学校管理员", "School admin"));
        await Assertions.Expect(dialog.GetByTestId("roles-add-pick")).ToHaveCountAsync(0);
        await dialog.GetByTestId("role-add").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Assertions.Expect(dialog.GetByTestId("roles-message")).ToContainTextAsync(T("已添加", "Added"));
        await (await teacher.GetAsync($"/api/schools/{schoolId}/people")).ReadAsync(HttpStatusCode.OK);
        // The same role again: the server's refusal, in the page's language.
        await dialog.GetByTestId("role-add").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("roles-error")).ToContainTextAsync(T("此人已有这个角色", "This person already has this role"), new() { Timeout = 15_000 });
        // The row behind the dialog shows both roles.
        await Assertions.Expect(admin.GetByTestId("people-list").Locator("tbody tr").First.GetByTestId("person-grant")).ToHaveCountAsync(2, new() { Timeout = 15_000 });

        // Keyboard: Tab reaches the remove buttons and the add button inside the dialog.
        await dialog.GetByTestId("role-remove").First.FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 20 && reached.Count < 2; i++)
        {
            var id = await admin.EvaluateAsync<string>("() => document.activeElement?.closest('[data-testid]')?.dataset.testid ?? ''");
            if (id is "role-remove" or "role-add") reached.Add(id);
            await admin.Keyboard.PressAsync("Tab");
        }

        Assert.True(reached.Count == 2, "reached by Tab: " + string.Join(", ", reached));
        await PageBrowser.ScreenshotAsync(admin, $"admin-roles.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(admin, output);

        // Remove the teacher role: asked first (by keyboard: the confirm button has the focus), then gone.
        var teacherItem = dialog.GetByTestId("role-item").Filter(new() { HasText = T("教师", "Teacher") });
        await teacherItem.GetByTestId("role-remove").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("role-remove-ask")).ToContainTextAsync(T("将立即失去", "loses what this role allows"));
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.GetByTestId("role-remove-confirm")).ToBeFocusedAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToContainTextAsync(T("学校管理员", "School admin"));
        var teacherMe = await (await teacher.GetAsync("/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("school-admin", (string?)Assert.Single(teacherMe["grants"]!.AsArray())!["role"]);

        // The only role left cannot go: the server says why, in the page's language.
        await dialog.GetByTestId("role-remove").ClickAsync();
        await dialog.GetByTestId("role-remove-confirm").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("roles-error")).ToContainTextAsync(T("这是此人唯一的角色", "This is the person's only role"), new() { Timeout = 15_000 });
        await Assertions.Expect(dialog.GetByTestId("role-item")).ToHaveCountAsync(1);
        await PageBrowser.ScreenshotAsync(admin, $"admin-roles-refused.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(admin, output);

        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(admin.GetByTestId("people-list").Locator("tbody tr").First.GetByTestId("person-grant")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        lock (console) Assert.DoesNotContain(console, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }
}
