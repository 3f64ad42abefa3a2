using Classroom.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The system Chromium (never a downloaded one) as a browser, so a test can open fresh contexts —
/// one per person or device, each with its own cookies — rather than the one persistent profile of
/// <see cref="ChromiumFixture"/>. Also where the page tests keep their screenshots.
/// </summary>
public sealed class PageBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ScreenshotFolder => Path.Combine(RepoRoot, "docs", "screenshots");

    /// <summary>How the page tests run Chromium: headless, software rendering, fake camera and microphone, no background throttling.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--headless=new", "--no-sandbox", "--disable-gpu",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFixture.ExecutablePath))
            throw new InvalidOperationException($"Chromium is required at {ChromiumFixture.ExecutablePath} (apt-get install chromium); browser tests cannot run without it.");
        if (!File.Exists(Path.Combine(RepoRoot, "src", "Server", "Classroom.Server", "wwwroot", "app", "pages", "sign-in.js")))
            throw new InvalidOperationException("The web pages are not built: run `bash scripts/build-web.sh` (scripts/test.sh does) before the page tests.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.ExecutablePath,
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A context with no cookies or storage: a new person at a new PC.</summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "zh-CN") => NewContextAsync(locale, 1280, 800);

    /// <summary>A fresh context with a given viewport (the whole-lesson test keeps its kiosks small to spare the CPU).</summary>
    public Task<IBrowserContext> NewContextAsync(string locale, int width, int height) =>
        _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height } });

    /// <summary>
    /// The other language's screenshot of a state a test reached in one, without walking the flow
    /// again: a new context in <paramref name="lang"/> with the cookies and local storage of
    /// <paramref name="page"/>'s context (the same person signed in, the admin console's remembered
    /// place) opens <paramref name="address"/> (the page's address by default) with ?lang= set; once
    /// <paramref name="ready"/> holds (it waits for the state, and may redo what a reload loses,
    /// e.g. a search) the page must be in that language, and docs/screenshots/{name}.png is written.
    /// The test's own page and its remembered language are untouched.
    /// </summary>
    public async Task ScreenshotInAsync(IPage page, string lang, string name, Func<IPage, Task> ready, string? address = null)
    {
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 800 };
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = lang == "en" ? "en-US" : "zh-CN",
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            StorageState = await page.Context.StorageStateAsync(),
        });
        var other = await context.NewPageAsync();
        var url = new Uri(new Uri(page.Url), address ?? page.Url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query["lang"] = lang;
        await other.GotoAsync(new UriBuilder(url) { Query = query.ToString() }.Uri.ToString());
        await ready(other);
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await ScreenshotAsync(other, name);
    }

    /// <summary>Writes docs/screenshots/{name}.png (full page).</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Signs in on the sign-in page the browser is on (or was sent to); waits until it has left it.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, bool english = false)
    {
        await page.GetByLabel(english ? "User name" : "用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel(english ? "Password" : "密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = english ? "Sign in" : "登录", Exact = true }).ClickAsync();
        if (!await LeftForAsync(page, url => !url.Contains("/sign-in.html", StringComparison.Ordinal), TimeSpan.FromSeconds(60)))
        {
            // Say what the page showed: its message, the button's state and where it is.
            var shown = await page.EvaluateAsync<string>(
                "() => [location.href, document.getElementById('error')?.textContent, document.getElementById('submit')?.textContent, String(document.getElementById('submit')?.disabled)].join(' | ')");
            throw new TimeoutException($"sign-in as {userName} did not leave the page: {shown}");
        }
    }

    /// <summary>
    /// Waits (bounded) until the page's address satisfies <paramref name="arrived"/>, by polling the
    /// address Playwright keeps for the page. Not <c>WaitForURLAsync</c>: when the navigation
    /// commits between its look at the address and its subscription to the navigation event, it
    /// waits for a next navigation that never comes (twice in CI beside stress-ng, the page already
    /// on the studio: "sign-in … did not leave the page: …/vue/studio.html").
    /// </summary>
    public static async Task<bool> LeftForAsync(IPage page, Func<string, bool> arrived, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!arrived(page.Url))
        {
            if (deadline.Elapsed > timeout) return false;
            await Task.Delay(100);
        }

        return true;
    }

    /// <summary><see cref="LeftForAsync"/> that fails the test with the address it stayed on.</summary>
    public static async Task WaitForAddressAsync(IPage page, Func<string, bool> arrived, TimeSpan timeout)
    {
        if (!await LeftForAsync(page, arrived, timeout)) throw new TimeoutException($"the page stayed on {page.Url} for {timeout.TotalSeconds:F0} s");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Classroom.sln"))) return dir.FullName;
        throw new InvalidOperationException("Classroom.sln not found above " + AppContext.BaseDirectory);
    }
}
