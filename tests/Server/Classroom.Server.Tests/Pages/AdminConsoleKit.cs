using Microsoft.Playwright;

namespace Classroom.Server.Tests.Pages;

/// <summary>What the admin console's page tests share: the page's console log and choosing in an Element Plus select.</summary>
internal static class AdminConsoleKit
{
    /// <summary>Collects the page's console messages and uncaught errors (printed when a test fails).</summary>
    public static List<string> Watch(IPage page)
    {
        var console = new List<string>();
        page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (console) console.Add($"pageerror: {e}"); };
        return console;
    }

    /// <summary>Opens the select with the test id, clicks the visible option with the text and waits until the select shows it.</summary>
    public static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible", new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId(testId)).ToContainTextAsync(option, new() { Timeout = 30_000 });
    }
}
