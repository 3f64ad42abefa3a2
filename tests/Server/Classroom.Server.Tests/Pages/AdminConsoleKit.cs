using Classroom.Hub.Store.Records;
using Microsoft.Playwright;

namespace Classroom.Server.Tests.Pages;

/// <summary>What the admin console's page tests share: the page's console log, choosing in an Element Plus select, files down and up, and the hub's presence rows of a lesson that ran.</summary>
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
    public static Task ChooseAsync(IPage page, string testId, string option) => ChooseAsync(page, page.GetByTestId(testId), option);

    /// <summary>As <see cref="ChooseAsync(IPage, string, string)"/>, for a select found otherwise (one of a table's rows).</summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        // A click that lands while Element Plus's dropdown is still opening can be lost (seen about
        // once in seven runs of AdminPeoplePageTests, and in AdminStudiosPageTests' multiple select):
        // until the select shows the option, choose again (opening the dropdown only if it is not
        // open), at most three times. No Escape: it would close a dialog the select sits in.
        var item = page.Locator(".el-select-dropdown__item:visible", new() { HasText = option }).First;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt == 1 || !await item.IsVisibleAsync()) await select.ClickAsync();
            await item.ClickAsync();
            try
            {
                await Assertions.Expect(select).ToContainTextAsync(option, new() { Timeout = attempt < 3 ? 5_000 : 30_000 });
                await DropdownClosedAsync(page, select);
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // not chosen yet: again
            }
        }
    }

    // Chosen, but a single select's dropdown may stay open (seen once in AdminStoryTests: its items
    // then covered the dialog's save button for 30 s). A click on the select closes it; the choice
    // stays. A multiple select keeps its dropdown open by design and is left as it is.
    private static async Task DropdownClosedAsync(IPage page, ILocator select)
    {
        var multiple = await select.EvaluateAsync<bool>("e => !!e.closest('.el-select')?.querySelector('.el-select__selection .el-tag') || !!e.querySelector?.('.el-tag')");
        if (multiple) return;
        var open = page.Locator(".el-select-dropdown__item:visible");
        try
        {
            await Assertions.Expect(open).ToHaveCountAsync(0, new() { Timeout = 3_000 });
        }
        catch (PlaywrightException)
        {
            await select.ClickAsync();
            await Assertions.Expect(open).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        }
    }

    /// <summary>Clicks the button with the test id and returns the bytes of the file the page saves (fetched under sign-in).</summary>
    public static async Task<byte[]> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        return await File.ReadAllBytesAsync(await download.PathAsync());
    }

    /// <summary>Puts a CSV file into the imports view's file input.</summary>
    public static async Task UploadAsync(IPage page, string name, string csv) =>
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });

    /// <summary>A presence interval as the hub writes it (a teacher or a room in a lesson; open while <paramref name="disconnected"/> is null).</summary>
    public static PresenceInterval Interval(string lesson, string subject, string role, long? classroom, long? school, long started, long lastSeen, long? disconnected, int drops) =>
        new()
        {
            Id = Guid.NewGuid(), LessonId = lesson, Subject = subject, Role = role, ClassroomId = classroom, SchoolId = school,
            StartedAtMs = started, LastSeenAtMs = lastSeen, DisconnectedAtMs = disconnected, EndedAtMs = disconnected, Connections = disconnected is null ? 1 : 0, Drops = drops,
        };
}
