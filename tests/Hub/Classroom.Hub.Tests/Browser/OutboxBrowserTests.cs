using Classroom.Testing.Stores;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Store;
using Classroom.Hub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Classroom.Hub.Tests.Browser;

/// <summary>
/// The TypeScript outbox in headless Chromium against the hub as a child process: records typed
/// while the hub is dead survive a page reload (IndexedDB) and are stored exactly once after the
/// hub comes back. Static files are served from the built wwwroot by request interception, so
/// the page reloads while the hub is down.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class OutboxBrowserTests
{
    private static string WwwRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Classroom.sln"))) dir = dir.Parent;
        var root = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "src", "Server", "Classroom.Server", "wwwroot");
        if (!File.Exists(Path.Combine(root, "app", "pages", "classroom.js")) || !File.Exists(Path.Combine(root, "vendor", "signalr.min.js")))
            throw new InvalidOperationException("web pages are not built: run scripts/build-web.sh");
        return root;
    }

    [Fact]
    public async Task Records_survive_a_page_reload_and_a_hub_restart()
    {
        if (!File.Exists("/usr/bin/chromium")) throw new InvalidOperationException("/usr/bin/chromium is missing (apt-get install chromium)");
        var wwwroot = WwwRoot();
        var folder = TempFolder.Create("browser");
        var rosterFile = Path.Combine(folder, "rosters.json");
        var startsAt = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        HubHost.WriteRosters(rosterFile, TestLessons.All(startsAt));
        var tokens = new TestTokens(JoinTokenKeys.LoadOrCreatePrivate(folder), TimeProvider.System);
        await using var hub = new HubProcess(folder, rosterFile, RedisProcess.FreePort());
        await hub.StartAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync();
        // The hub process has no scheduler or identity role: the test answers the two device calls
        // of the kiosk page itself (as the roster file stands in for the scheduler), with a join
        // token for room 101. The page exchanges it for a hub ticket through the real hub.
        var roomToken = tokens.Room(101, 2);
        await context.RouteAsync("**/api/device**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            var body = path == "/api/device"
                ? System.Text.Json.JsonSerializer.Serialize(new { id = 1, name = "test PC", kind = "classroom", schoolId = 2, classroomId = 101 })
                : System.Text.Json.JsonSerializer.Serialize(new
                {
                    classroomId = 101, className = "四年级1班", schoolId = 2, schoolName = "测试小学", now = TimeProvider.System.GetUtcNow(),
                    current = new { lessonId = TestLessons.A, subject = "音乐", grade = 4, teacherName = "王芳", startsAt = startsAt, endsAt = startsAt.AddMinutes(40), token = roomToken, tokenExpiresAt = TimeProvider.System.GetUtcNow().AddHours(2) },
                    next = (object?)null,
                });
            await route.FulfillAsync(new RouteFulfillOptions { Body = body, ContentType = "application/json" });
        });
        await context.RouteAsync("**/*", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (path.StartsWith("/api/device", StringComparison.Ordinal))
            {
                await route.FallbackAsync();
                return;
            }

            var file = Path.GetFullPath(Path.Combine(wwwroot, path.TrimStart('/')));
            if (path.StartsWith("/hub/", StringComparison.Ordinal) || !file.StartsWith(wwwroot, StringComparison.Ordinal) || !File.Exists(file))
            {
                await route.ContinueAsync();
                return;
            }

            var type = Path.GetExtension(file) switch { ".html" => "text/html", ".js" => "text/javascript", ".css" => "text/css", _ => "application/octet-stream" };
            await route.FulfillAsync(new RouteFulfillOptions { BodyBytes = await File.ReadAllBytesAsync(file), ContentType = type });
        });
        var page = await context.NewPageAsync();
        var seen = new List<string>();
        page.Console += (_, m) => { lock (seen) seen.Add("console: " + m.Text); };
        page.Response += (_, r) => { lock (seen) seen.Add($"{r.Request.Method} {new Uri(r.Url).AbsolutePath} {r.Status}"); };
        var url = $"{hub.BaseUrl}/classroom.html?lang=zh-CN&mediaStart={startsAt.ToUnixTimeMilliseconds()}";
        await page.GotoAsync(url);
        await Expect(page, seen, "#status[data-status=connected]");


        await Ask(page, "问题一");
        // "0" is also what the page shows before the click is handled: first wait until the hub
        // has stored the question (the outbox count went to 1 before it was sent), then until
        // its acknowledgement emptied the outbox. Otherwise the kill below can catch the record
        // in flight, and it rightly stays pending (3 below instead of 2).
        await WaitUntilStoredAsync(folder, "问题一");
        await Expect(page, seen, "#pending:text-is('0')");

        await hub.KillAsync();
        await Expect(page, seen, "#status:not([data-status=connected])");
        await Ask(page, "问题二");
        await page.FillAsync("#present", "33");
        await page.ClickAsync("#checkin");
        await Expect(page, seen, "#pending:text-is('2')");

        await page.ReloadAsync();
        await Expect(page, seen, "#pending:text-is('2')");
        await Ask(page, "问题三");
        await Expect(page, seen, "#pending:text-is('3')");

        await hub.StartAsync();
        await Expect(page, seen, "#pending:text-is('0')", 60_000);

        await using var db = new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "hub.db")}").Options);
        var texts = await db.Questions.Where(q => q.ClassroomId == 101).Select(q => q.Text).ToListAsync();
        Assert.Equal(new[] { "问题一", "问题二", "问题三" }.Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
        Assert.Equal(33, (await db.CheckIns.SingleAsync(c => c.ClassroomId == 101)).Present);
    }

    private static async Task WaitUntilStoredAsync(string folder, string text)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "hub.db")}").Options;
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(45);
        while (true)
        {
            await using (var db = new HubDbContext(options))
            {
                if (await db.Questions.AnyAsync(q => q.ClassroomId == 101 && q.Text == text)) return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline) Assert.Fail($"the hub did not store \"{text}\" within 45 s");
            await Task.Delay(100);
        }
    }

    private static async Task Ask(IPage page, string text)
    {
        await page.FillAsync("#question", text);
        await page.ClickAsync("#ask");
    }

    /// <summary>Waits (bounded) for the selector; on a timeout the failure carries what the page showed and did.</summary>
    private static async Task Expect(IPage page, List<string> seen, string selector, float timeoutMs = 45_000)
    {
        try
        {
            await page.WaitForSelectorAsync(selector, new PageWaitForSelectorOptions { Timeout = timeoutMs, State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            var shown = await page.EvaluateAsync<string>("() => ['status', 'pending', 'log'].map(id => id + '=' + (document.getElementById(id)?.textContent ?? '?')).join(' ')");
            lock (seen) Assert.Fail($"waited {timeoutMs} ms for {selector}; page shows {shown}; page saw: {string.Join(" | ", seen.TakeLast(60))}");
        }
    }
}
