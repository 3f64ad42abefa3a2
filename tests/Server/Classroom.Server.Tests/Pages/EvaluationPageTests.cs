using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Server.Tests.Recordings;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Lesson evaluation (评课, docs/evaluation.md) on the replay page in real Chromium: a researcher
/// signs in, lands on the lessons they may watch, comments at a moment and scores the rubric by
/// keyboard; the lesson's teacher then reads the comment, the sheet and the means beside the
/// replay, in English; a student sees no evaluation at all.
/// </summary>
public sealed class EvaluationPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(roles: "scheduler,hub"), "replay.html")
{
    private const string Password = "classroom-2026";
    private const string RecordingId = "rec-eval-page";
    private RecordingWorld _world = null!;

    protected override async Task ArrangeAsync()
    {
        _world = await RecordingWorld.BuildAsync(Host);
        await _world.RecordAsync(Host, RecordingId, Host.Clock.GetUtcNow().AddHours(-1), longer: true);
        await CreatePersonAsync("eval-researcher", "县教研员张", new Grant(AccountRole.Researcher));
        await CreatePersonAsync("eval-teacher", "王芳", new Grant(AccountRole.Teacher, _world.Lesson.AllianceId, _world.Lesson.LeadSchoolId, null, _world.Lesson.TeacherId));
        await CreatePersonAsync("eval-student", RecordingWorld.StudentName, new Grant(AccountRole.Student, _world.Lesson.AllianceId, _world.PairedRoom.SchoolId, _world.PairedRoom.ClassroomId));
    }

    [Fact]
    public async Task A_researcher_comments_and_scores_by_keyboard_and_the_teacher_reads_it_beside_the_replay()
    {
        await using (var context = await browser.NewContextAsync("zh-CN"))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{BaseUrl}/sign-in.html?lang=zh-CN");
            await PageBrowser.SignInAsync(page, "eval-researcher", Password);
            // Researchers land on the replay page's list of the lessons they may watch.
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/vue/replay\.html"), new() { Timeout = 30_000 });
            await page.Locator($"[data-testid=recording][data-recording='{RecordingId}']").ClickAsync();
            var panel = page.GetByTestId("evaluation");
            await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "评课" })).ToBeVisibleAsync();

            // A comment at the current moment (the video holds while it is typed).
            await page.GetByTestId("evaluation-comment").FocusAsync();
            await page.GetByTestId("evaluation-comment").FillAsync("提问后留足了思考时间，成员校也有学生发言。");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交评语" }).ClickAsync();
            try
            {
                await Assertions.Expect(page.GetByTestId("evaluation-entry")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException("the comment did not appear; the panel reads: " + await panel.InnerTextAsync(), e);
            }

            // The rubric by keyboard: Tab into each criterion's radio group, arrows choose the score.
            foreach (var (key, score) in new[] { ("goals", 4), ("process", 5), ("interaction", 3), ("media", 4), ("outcome", 4) })
            {
                await page.GetByTestId($"score-{key}-{score}").FocusAsync();
                await page.Keyboard.PressAsync("Space");
                await Assertions.Expect(page.GetByTestId($"score-{key}-{score}")).ToBeCheckedAsync();
            }

            await page.GetByTestId("evaluation-summary").FillAsync("整体良好，成员校互动可再加强。");
            await page.GetByTestId("evaluation-save").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("evaluation-status")).ToHaveTextAsync("评分已保存。", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("evaluation-sheet")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("mean").Nth(1)).ToHaveTextAsync("5.0");
            await panel.ScrollIntoViewIfNeededAsync();
            await PageBrowser.ScreenshotAsync(page, "evaluation.zh-CN");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
            // The same researcher's sheet in English (stored, so a reload shows it; only "saved" is gone).
            await browser.ScreenshotInAsync(page, "en", "evaluation.en", async en =>
            {
                var enPanel = en.GetByTestId("evaluation");
                await Assertions.Expect(enPanel.GetByRole(AriaRole.Heading, new() { Name = "Lesson evaluation" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(en.GetByTestId("evaluation-entry")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
                await Assertions.Expect(en.GetByTestId("mean").Nth(1)).ToHaveTextAsync("5.0");
                await Assertions.Expect(en.GetByTestId("score-process-5")).ToBeCheckedAsync();
                await Assertions.Expect(en.GetByTestId("evaluation-summary")).ToHaveValueAsync("整体良好，成员校互动可再加强。");
                await enPanel.ScrollIntoViewIfNeededAsync();
            }, $"/vue/replay.html?recording={RecordingId}");
        }

        await using (var context = await browser.NewContextAsync("en"))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{BaseUrl}/vue/replay.html?lang=en&recording={RecordingId}");
            await PageBrowser.SignInAsync(page, "eval-teacher", Password, english: true);
            var panel = page.GetByTestId("evaluation");
            await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Lesson evaluation" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("evaluation-entry")).ToContainTextAsync("提问后留足了思考时间");
            await Assertions.Expect(page.GetByTestId("evaluation-sheet")).ToContainTextAsync("县教研员张");
            await Assertions.Expect(page.GetByTestId("evaluation-sheet")).ToContainTextAsync("整体良好");
            // The teacher reads; they have no form to evaluate their own lesson.
            Assert.Equal(0, await page.GetByTestId("evaluation-comment").CountAsync());
            Assert.Equal(0, await page.GetByTestId("evaluation-save").CountAsync());
            await panel.ScrollIntoViewIfNeededAsync();
            await PageBrowser.ScreenshotAsync(page, "evaluation-teacher.en");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);
            await browser.ScreenshotInAsync(page, "zh-CN", "evaluation-teacher.zh-CN", async zh =>
            {
                var zhPanel = zh.GetByTestId("evaluation");
                await Assertions.Expect(zhPanel.GetByRole(AriaRole.Heading, new() { Name = "评课" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(zh.GetByTestId("evaluation-sheet")).ToContainTextAsync("整体良好", new() { Timeout = 15_000 });
                await Assertions.Expect(zh.GetByTestId("evaluation-entry")).ToContainTextAsync("提问后留足了思考时间");
                await zhPanel.ScrollIntoViewIfNeededAsync();
            });
        }

        await using (var context = await browser.NewContextAsync("zh-CN"))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{BaseUrl}/vue/replay.html?recording={RecordingId}");
            await PageBrowser.SignInAsync(page, "eval-student", Password);
            await Assertions.Expect(page.GetByTestId("video")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "提问时刻" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(0, await page.GetByTestId("evaluation").CountAsync());
        }
    }

    private async Task CreatePersonAsync(string userName, string displayName, Grant grant)
    {
        using var scope = Host.Services.CreateScope();
        var (created, result) = await scope.ServiceProvider.GetRequiredService<Accounts>().CreateAsync(userName, displayName, [grant], Password, CancellationToken.None);
        Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
