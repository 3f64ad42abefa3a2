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
        // A click that lands while Element Plus's dropdown is still opening can be lost (seen about
        // once in seven runs of AdminPeoplePageTests): until the select shows the option, choose
        // again (opening the dropdown only if it is not open), at most three times. No Escape: it
        // would close a dialog the select sits in.
        var item = page.Locator(".el-select-dropdown__item:visible", new() { HasText = option }).First;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt == 1 || !await item.IsVisibleAsync()) await page.GetByTestId(testId).ClickAsync();
            await item.ClickAsync();
            try
            {
                await Assertions.Expect(page.GetByTestId(testId)).ToContainTextAsync(option, new() { Timeout = attempt < 3 ? 5_000 : 30_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // not chosen yet: again
            }
        }
    }
}
