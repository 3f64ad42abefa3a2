using Classroom.MediaRelay.Ffmpeg;

namespace Classroom.MediaRelay.Tests.Ffmpeg;

/// <summary>
/// The real ffmpeg under the supervisor: a run killed from outside is reported with why and
/// replaced by a new run; a requested stop ends it for good; a bad argument's error text is kept.
/// </summary>
public sealed class FfmpegSupervisorTests
{
    private static IReadOnlyList<string> EndlessNullOutput(int run) =>
        ["-hide_banner", "-re", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-f", "null", "-"];

    [Fact]
    public async Task A_killed_ffmpeg_is_restarted_and_a_requested_stop_is_final()
    {
        var exits = new List<FfmpegExit>();
        await using var supervisor = new FfmpegSupervisor("ffmpeg", EndlessNullOutput, TimeProvider.System, e => { lock (exits) exits.Add(e); });
        supervisor.Start();
        var first = await WaitForAsync(() => supervisor.Current is { } p && supervisor.Runs == 1 ? p : null);
        System.Diagnostics.Process.GetProcessById(first.Pid).Kill(); // SIGKILL from outside
        var second = await WaitForAsync(() => supervisor.Current is { } p && supervisor.Runs == 2 ? p : null);
        Assert.NotEqual(first.Pid, second.Pid);
        lock (exits) Assert.False(Assert.Single(exits).Requested);

        await supervisor.StopAsync(TimeSpan.FromSeconds(10));
        Assert.Null(supervisor.Current);
        Assert.Equal(2, supervisor.Runs);
        lock (exits) Assert.True(exits[^1].Requested);
    }

    [Fact]
    public async Task Why_a_run_failed_is_kept_from_its_stderr()
    {
        using var process = FfmpegProcess.Start("ffmpeg", ["-hide_banner", "-nostdin", "-f", "lavfi", "-i", "nosuchfilter", "-f", "null", "-"]);
        var code = await process.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, code);
        Assert.Contains("nosuchfilter", process.Reason, StringComparison.Ordinal);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value) return value;
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("condition not met within 30 s");
            await Task.Delay(20);
        }
    }
}
