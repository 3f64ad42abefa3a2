using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.AdminConsoleKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The admin console's imports view (#imports, docs/admin-imports.md) in real Chromium against the
/// real server with the demo alliance, in zh-CN and English: a district admin signs in, opens the
/// imports view, downloads the rooms template (its header in the page's language), uploads a file
/// with errors — each shown on its row and cell, the import button disabled, and (read through the
/// API) nothing stored — then the corrected file, with a mixed-grade class: a clean preview, the
/// import, its counts, and the rooms visible through the API. axe-core finds no serious violation.
/// </summary>
public sealed class AdminImportsPageTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    private const string Password = "classroom-2026";
    private const string DemoAlliance = "城关一小教育联盟 (演示)";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_district_admin_previews_a_file_with_errors_against_its_rows_then_imports_the_corrected_file(string lang)
    {
        var en = lang == "en";
        await using var context = await browser.NewContextAsync(en ? "en-US" : "zh-CN");
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.PageError += (_, e) => { lock (console) console.Add($"pageerror: {e}"); };
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang={lang}#imports");
        await PageBrowser.SignInAsync(page, "admin", Password, english: en);
        await Assertions.Expect(page.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ChooseAsync(page, "alliance-select", DemoAlliance);
        await page.Locator("[data-view=imports]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("imports-view")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The rooms template, downloaded under sign-in: its header in the page's language.
        await ChooseAsync(page, "import-kind", en ? "Rooms (classes)" : "教室（班级）");
        var template = await DownloadAsync(page, "template-csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], template[..3]);
        var header = en ? "school_code,grade,class_name,seats" : "学校代码,年级,班级,座位数";
        Assert.StartsWith(header + "\r\n", Encoding.UTF8.GetString(template, 3, template.Length - 3), StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-xlsx").ClickAsync());
        Assert.Equal("import-classrooms-template.xlsx", xlsx.SuggestedFilename);

        // A file without the class column: a problem of the whole file, shown above the rows.
        await UploadAsync(page, "rooms-no-class.csv", en ? "school_code,grade\nHW,3\n" : "学校代码,年级\nHW,3\n");
        await page.GetByTestId("import-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("file-problems")).ToContainTextAsync(en ? "Column 'class_name' is missing" : "缺少“班级”列", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();

        // A file with errors: row 3 names a school the alliance lacks, row 4 a grade that is not one.
        var hw = await SchoolIdAsync("HW");
        var before = await RoomsAsync(hw);
        var bad = $"{header}\nHW,\"3,4\",3-4年级复式班,18\nXX,4,4年级2班,30\nSQ,十,十年级,30\n";
        await UploadAsync(page, "rooms-with-errors.csv", bad);
        await page.GetByTestId("import-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToHaveAttributeAsync("data-clean", "false", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync(en ? "2 problem(s) found; nothing was stored" : "发现 2 个问题，未保存任何内容");
        var row2 = page.Locator("[data-testid=preview-row][data-row='2']");
        var row3 = page.Locator("[data-testid=preview-row][data-row='3']");
        var row4 = page.Locator("[data-testid=preview-row][data-row='4']");
        await Assertions.Expect(row2).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(row3).ToHaveAttributeAsync("data-ok", "false");
        await Assertions.Expect(row3).ToHaveClassAsync(new Regex("row-error"));
        await Assertions.Expect(row3.GetByTestId("row-issues")).ToContainTextAsync(en ? "No school with code 'XX'" : "本联盟没有代码为“XX”的学校");
        await Assertions.Expect(row3.Locator("td.cell-error")).ToHaveTextAsync("XX");
        await Assertions.Expect(row4).ToHaveAttributeAsync("data-ok", "false");
        await Assertions.Expect(row4.Locator("td.cell-error")).ToHaveTextAsync("十");
        var gradeMessage = (await row4.GetByTestId("row-issues").TextContentAsync())!;
        var withoutValue = gradeMessage.Replace("十", "", StringComparison.Ordinal);
        if (en) Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", withoutValue);
        else Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", withoutValue);
        await Assertions.Expect(row2.GetByTestId("row-issues")).ToHaveTextAsync(en ? "OK" : "无误");
        await Assertions.Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();
        Assert.Equal(before, await RoomsAsync(hw));
        await PageBrowser.ScreenshotAsync(page, $"admin-imports-errors.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        // Keyboard: from the kind select, Tab reaches the template buttons, the file, preview.
        await page.GetByTestId("import-kind").Locator("input").FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? ''"));
        }

        Assert.Superset(new HashSet<string> { "template-csv", "template-xlsx", "import-file", "import-preview" }, reached);

        // The corrected file: a clean preview (nothing stored yet), then the import and its counts.
        var good = $"{header}\nHW,\"3,4\",3-4年级复式班,18\nHW,4,4年级2班,30\nSQ,3,3年级1班,32\n";
        await UploadAsync(page, "rooms.csv", good);
        await page.GetByTestId("import-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToHaveAttributeAsync("data-clean", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToContainTextAsync(en ? "would create 2, update 1, leave 0 unchanged" : "将新建 2，更新 1，不变 0");
        Assert.Equal(3, await page.Locator("[data-testid=preview-row][data-ok=true]").CountAsync());
        Assert.Equal(before, await RoomsAsync(hw));
        await Assertions.Expect(page.GetByTestId("import-run")).ToBeEnabledAsync();
        await page.GetByTestId("import-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync(en ? "Imported 3 rows: 2 created, 1 updated, 0 unchanged" : "已导入 3 行：新建 2，更新 1，不变 0", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();
        await PageBrowser.ScreenshotAsync(page, $"admin-imports.{lang}");
        await LessonPageKit.AssertNoSeriousAxeViolationsAsync(page, output);

        var rooms = await RoomsAsync(hw);
        Assert.Contains("3-4年级复式班 [3,4] 18", rooms, StringComparison.Ordinal);
        Assert.Contains("4年级2班 [4] 30", rooms, StringComparison.Ordinal);
        var sq = await RoomsAsync(await SchoolIdAsync("SQ"));
        Assert.Contains("3年级1班 [3] 32", sq, StringComparison.Ordinal);
        lock (console) Assert.Empty(console);
    }

    private async Task<long> SchoolIdAsync(string code)
    {
        var admin = Host.Admin();
        var alliance = (await (await admin.GetAsync("/api/alliances")).ReadAsync(HttpStatusCode.OK)).AsArray().Single(a => (string?)a!["name"] == DemoAlliance)!.Id();
        return (await (await admin.GetAsync($"/api/alliances/{alliance}/schools")).ReadAsync(HttpStatusCode.OK)).AsArray().Single(s => (string?)s!["code"] == code)!.Id();
    }

    /// <summary>A school's rooms as the API lists them: "name [grades] seats", sorted.</summary>
    private async Task<string> RoomsAsync(long schoolId) =>
        string.Join("; ", (await (await Host.Admin().GetAsync($"/api/schools/{schoolId}/classrooms")).ReadAsync(HttpStatusCode.OK)).AsArray()
            .Select(r => $"{r!["className"]} [{string.Join(',', r["grades"]!.AsArray().Select(g => (int)g!))}] {r["seats"]}").Order(StringComparer.Ordinal));
}
