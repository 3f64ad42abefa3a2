using Classroom.MediaRelay.Tests.Infrastructure;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Tests.Transport;

/// <summary>
/// The media threads (UDP receive loop, fan-out workers) run under SCHED_FIFO when configured and
/// allowed, and under the normal policy when not configured. Whether this process may use
/// real-time scheduling is asked first on a probe thread, so the test holds both as root (CI) and
/// for an unprivileged user. Threads are found by name in /proc, so no other relay host may run
/// meanwhile (a collection of its own, not run in parallel).
/// </summary>
[Collection(ProcessThreadsCollection.Name)]
public sealed class MediaThreadPriorityTests
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    [Fact]
    public async Task Configured_media_threads_run_real_time_when_the_process_may()
    {
        Assert.True(OperatingSystem.IsLinux(), "the relay's media threads are Linux threads (read from /proc)");
        var allowed = false;
        var probe = new Thread(() => allowed = MediaThreadPriority.TryRaise(5));
        probe.Start();
        probe.Join();

        await using (var plain = await RelayTestHost.StartAsync(transports: "udp"))
        {
            var normal = await MediaThreadPoliciesAsync();
            Assert.Equal(1 + Environment.ProcessorCount, normal.Count); // the UDP loop and a worker per core
            Assert.All(normal, p => Assert.Equal(SchedOther, p));
        }

        await using var host = await RelayTestHost.StartAsync(transports: "udp", settings: new Dictionary<string, string?> { ["MediaRelay:MediaThreadPriority"] = "5" });
        var policies = await MediaThreadPoliciesAsync();
        Assert.Equal(1 + Environment.ProcessorCount, policies.Count);
        Assert.All(policies, p => Assert.Equal(allowed ? SchedFifo : SchedOther, p));
        Assert.False(MediaThreadPriority.TryRaise(0));
    }

    /// <summary>Scheduling policy (field 41 of /proc/self/task/T/stat) of every live relay media thread.</summary>
    private static async Task<List<int>> MediaThreadPoliciesAsync()
    {
        // The threads raise themselves when they start; give them a moment.
        await Task.Delay(300);
        var policies = new List<int>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            string comm, stat;
            try
            {
                comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // Linux truncates thread names to 15 bytes: "relay-fanout-0", "relay-udp-4321".
            if (!comm.StartsWith("relay-fanout-", StringComparison.Ordinal) && !comm.StartsWith("relay-udp-", StringComparison.Ordinal)) continue;
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            policies.Add(int.Parse(fields[41 - 3], System.Globalization.CultureInfo.InvariantCulture));
        }

        return policies;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessThreadsCollection
{
    public const string Name = "whole-process thread inspection";
}
