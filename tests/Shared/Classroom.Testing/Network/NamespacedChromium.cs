using Microsoft.Playwright;

namespace Classroom.Testing.Network;

/// <summary>
/// A headless Chromium launched inside a <see cref="VethNamespace"/> (Playwright starts the
/// namespace's wrapper; the DevTools pipe works across namespaces). Same flags as
/// <see cref="ChromiumFixture"/>; what it sends crosses the veth. Dispose closes it.
/// </summary>
public sealed class NamespacedChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private NamespacedChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <param name="extraArgs">More Chromium flags, e.g. <c>--unsafely-treat-insecure-origin-as-secure=http://10.231.S.1:P</c>
    /// for a page served over plain HTTP on the veth address that needs a secure context (camera, crypto.randomUUID).</param>
    public static async Task<NamespacedChromium> LaunchAsync(VethNamespace ns, IEnumerable<string>? extraArgs = null)
    {
        ArgumentNullException.ThrowIfNull(ns);
        if (!File.Exists(ChromiumFixture.ExecutablePath))
            throw new InvalidOperationException($"Chromium is required at {ChromiumFixture.ExecutablePath} (apt-get install chromium)");
        var profile = Path.Combine(Path.GetTempPath(), "classroom-chromium-ns-" + Guid.NewGuid().ToString("N"));
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ns.WrapperPath,
                Headless = true,
                Args =
                [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                    "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                    .. extraArgs ?? [],
                ],
            });
            return new NamespacedChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment.
        }
    }
}
