using System.Globalization;
using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Scheduler.Pairing.Synthetic;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Issue 14 "large data stays usable" for the people list (docs/admin-paging.md): the 300 schools of
/// the synthetic district (<see cref="DistrictGenerator"/>, seed 1, as AdminWeekViewLargeDistrictTests)
/// each get their school admin's account in the real identity store, and the district admin pages
/// through the county's people in real Chromium: page 1 with the server's total, page 2 (kept in the
/// hash), and a search that narrows the total and goes back to page 1. Prints how long a page takes.
/// </summary>
public sealed class AdminPagingPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_people_of_the_300_school_district_are_paged_and_searched_by_the_server(string lang)
    {
        var en = lang == "en";
        var problem = DistrictGenerator.Generate(new DistrictOptions { Seed = 1 });
        // 30 lead schools (named by their alliance) and the 270 member schools of the problem.
        var schools = problem.Lessons.Select(l => (l.LeadSchoolId, l.AllianceId)).Distinct()
            .Select(l => (Id: l.LeadSchoolId, Name: string.Create(CultureInfo.InvariantCulture, $"主讲校 {l.AllianceId}")))
            .Concat(problem.Schools.Select(s => (Id: s.SchoolId, s.Name))).ToList();
        Assert.Equal(300, schools.Count);
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            // The synthetic schools are not rows of the scheduler's store: their ids are kept clear of the demo's.
            foreach (var school in schools)
            {
                var (created, result) = await accounts.CreateAsync(string.Create(CultureInfo.InvariantCulture, $"school{school.Id:D4}"), $"{school.Name} 管理员",
                    [new Grant(AccountRole.SchoolAdmin, null, 10_000 + school.Id)], password: null, CancellationToken.None);
                Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        var narrowed = problem.Schools.Count(s => s.Name.Contains("成员校 7-", StringComparison.Ordinal));
        Assert.InRange(narrowed, 2, 20);

        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = Watch(page);
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}#people");
        await PageBrowser.SignInAsync(page, "admin", Password, en);
        try
        {
            await Assertions.Expect(page.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ChooseAsync(page, "alliance-select", en ? "District" : "全区县"); // the county's people, not the alliance's
            await page.Locator("[data-view=people]").ClickAsync();
            // Page 1: twenty rows and the total of every account from the server (the 300 and the demo's own).
            var total = page.GetByTestId("people-total");
            await Assertions.Expect(page.GetByTestId("people-list").Locator("tbody tr")).ToHaveCountAsync(20, new() { Timeout = 30_000 });
            await Assertions.Expect(total).ToHaveAttributeAsync("data-total", new System.Text.RegularExpressions.Regex("^3[0-9]{2}$"), new() { Timeout = 30_000 });
            var all = int.Parse((await total.GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture);
            Assert.InRange(all, 301, 399);
            await Assertions.Expect(total).ToHaveTextAsync(en ? $"{all} accounts" : $"共 {all} 个账号");
            await Assertions.Expect(page.GetByTestId("people-pager")).ToContainTextAsync(en ? $"Total {all}" : $"共 {all} 条");
            var firstOfPage1 = await page.GetByTestId("people-list").Locator("tbody tr").First.TextContentAsync();

            // Page 2 from the pager: other rows, the page in the hash.
            var timer = System.Diagnostics.Stopwatch.StartNew();
            await page.GetByTestId("people-pager").Locator(".el-pager li", new() { HasTextRegex = new("^2$") }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("people-list").Locator("tbody tr").First).Not.ToHaveTextAsync(firstOfPage1!, new() { Timeout = 30_000 });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lang}: page 2 of {all} people shown {timer.ElapsedMilliseconds} ms after the click"));
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#people\\?page=2$"));
            await Assertions.Expect(page.GetByTestId("people-list").Locator("tbody tr")).ToHaveCountAsync(20);
            await Assertions.Expect(page.GetByTestId("people-pager").Locator(".el-pager li.is-active")).ToHaveTextAsync("2");
            await PageBrowser.ScreenshotAsync(page, $"admin-paging.{lang}");
            await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

            // A reload keeps page 2.
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByTestId("people-pager").Locator(".el-pager li.is-active")).ToHaveTextAsync("2", new() { Timeout = 30_000 });

            // A search narrows the total (the member schools of alliance 7) and goes back to page 1.
            await page.GetByTestId("people-search").FillAsync("成员校 7-");
            await Assertions.Expect(total).ToHaveAttributeAsync("data-total", narrowed.ToString(CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("people-list").Locator("tbody tr")).ToHaveCountAsync(narrowed);
            await Assertions.Expect(page.GetByTestId("people-pager").Locator(".el-pager li.is-active")).ToHaveTextAsync("1");
            Assert.All(await page.GetByTestId("people-list").Locator("tbody tr").AllTextContentsAsync(), row => Assert.Contains("成员校 7-", row, StringComparison.Ordinal));
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#people\\?q=%E6%88%90%E5%91%98%E6%A0%A1\\+7-$"));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"admin-paging-failed.{lang}.png"), FullPage = true });
            output.WriteLine(page.Url);
            lock (console) output.WriteLine(string.Join("\n", console));
            throw;
        }
    }
}
