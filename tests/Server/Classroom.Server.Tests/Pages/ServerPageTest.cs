using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// A page test class with a server of its own: the host is started on a free loopback port before
/// the class's tests (once per test, as xUnit makes a class instance per test) and its data folder
/// deleted after. A class that needs the Vue pages names one of them, so that a checkout whose web
/// was not built fails with that sentence instead of a page that never loads.
/// </summary>
/// <param name="host">The server, configured (clock, roles) but not started.</param>
/// <param name="vuePage">A page under wwwroot/vue the tests open, or null for the plain pages only.</param>
public abstract class ServerPageTest(SchedulerHost host, string? vuePage = null) : IClassFixture<PageBrowser>, IAsyncLifetime
{
    protected SchedulerHost Host { get; } = host;

    /// <summary>The started server's address, <c>http://127.0.0.1:port</c>.</summary>
    protected string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (vuePage is not null && !File.Exists(Path.Combine(PageBrowser.RepoRoot, "src", "Server", "Classroom.Server", "wwwroot", "vue", vuePage)))
            throw new InvalidOperationException("The Vue pages are not built: run `bash scripts/build-web.sh` (scripts/test.sh does) before the page tests.");
        BaseUrl = Start();
        await ArrangeAsync();
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        Host.DeleteData();
        return Task.CompletedTask;
    }

    /// <summary>Starts the host and returns its address; on loopback unless a class needs more (the relay's ports).</summary>
    protected virtual string Start() => Host.StartOnLoopback();

    /// <summary>What every test of the class finds on the started server (recordings, accounts, the hub's rows).</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;
}
