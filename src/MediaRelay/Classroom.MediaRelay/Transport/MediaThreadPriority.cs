using System.Runtime.InteropServices;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Puts the calling media thread (the UDP receive loop, the fan-out workers) under the Linux
/// SCHED_FIFO policy at a low real-time priority, when the process is allowed to (root,
/// CAP_SYS_NICE, or an RLIMIT_RTPRIO such as systemd's <c>LimitRTPRIO=</c>): a woken media
/// thread then runs at once instead of waiting behind other work on the same cores. Best effort:
/// where it is not allowed the thread stays as it was. A real-time thread that gets busy is
/// handed back to normal scheduling by its <see cref="RealtimeBudget"/>, so an overloaded relay
/// cannot starve the hub and the scheduler on the same machine (docs/relay.md "Media thread priority").
/// </summary>
internal static partial class MediaThreadPriority
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private static int _realtimeThreads;

    /// <summary>Media threads of this process running real-time right now.</summary>
    public static int RealtimeThreads => Volatile.Read(ref _realtimeThreads);

    /// <summary>Returns true when the calling thread now runs at <paramref name="priority"/> (1–99); 0 asks for nothing.</summary>
    public static bool TryRaise(int priority)
    {
        if (priority <= 0 || !OperatingSystem.IsLinux()) return false;
        var param = new SchedParam { Priority = Math.Min(priority, 99) };
        if (sched_setscheduler(0, SchedFifo, ref param) != 0) return false; // pid 0: the calling thread
        Interlocked.Increment(ref _realtimeThreads);
        return true;
    }

    /// <summary>Puts the calling thread back under the normal policy (after <see cref="TryRaise"/> succeeded).</summary>
    public static bool Lower()
    {
        var param = new SchedParam { Priority = 0 };
        if (!OperatingSystem.IsLinux() || sched_setscheduler(0, SchedOther, ref param) != 0) return false;
        Interlocked.Decrement(ref _realtimeThreads);
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, ref SchedParam param);
}

/// <summary>
/// Keeps one media thread real-time only while it is light: about once a second the thread's own
/// CPU time over that second is read (CLOCK_THREAD_CPUTIME_ID — time it ran, not time it waited
/// to run, so a thread that lost real-time and queues behind others does not look busier);
/// above <see cref="MaxBusyShare"/> of a core the thread goes back to normal scheduling (a relay
/// that has to work most of the time gains little from preempting others and would starve them),
/// below <see cref="ReturnBusyShare"/> it asks for real-time again. Used by its own thread only.
/// </summary>
internal sealed partial class RealtimeBudget
{
    // Three media threads at these shares leave a 2-core school server about one core for the hub
    // and the scheduler even when all of them are real-time; a 500-player lesson needs ~0.2 per worker.
    public const double MaxBusyShare = 0.35;
    public const double ReturnBusyShare = 0.25;

    private readonly int _priority;
    private readonly Func<int, bool> _raise;
    private readonly Func<bool> _lower;
    private readonly Func<long> _cpuNanos;
    private readonly long _frequency;
    private long _windowStart;
    private long _windowCpu;

    /// <param name="priority">SCHED_FIFO priority to hold while light; 0 = never real-time.</param>
    /// <param name="frequency">Ticks per second of the timestamps given to <see cref="Check"/>.</param>
    /// <param name="start">The timestamp now.</param>
    public RealtimeBudget(int priority, long frequency, long start, Func<int, bool>? raise = null, Func<bool>? lower = null, Func<long>? cpuNanos = null)
    {
        _priority = priority;
        _raise = raise ?? MediaThreadPriority.TryRaise;
        _lower = lower ?? MediaThreadPriority.Lower;
        _cpuNanos = cpuNanos ?? ThreadCpuNanos;
        _frequency = frequency;
        _windowStart = start;
        IsRealtime = _priority > 0 && _raise(_priority);
        _windowCpu = _priority > 0 ? _cpuNanos() : 0;
    }

    public bool IsRealtime { get; private set; }

    /// <summary>Times this thread left real-time because it was busy.</summary>
    public int Demotions { get; private set; }

    /// <summary>Call from the thread's loop with the timestamp now; cheap until a second has passed.</summary>
    public void Check(long now)
    {
        if (_priority <= 0 || now - _windowStart < _frequency) return;
        var cpu = _cpuNanos();
        var share = (cpu - _windowCpu) / ((now - _windowStart) * 1e9 / _frequency);
        _windowStart = now;
        _windowCpu = cpu;
        if (IsRealtime && share > MaxBusyShare && _lower())
        {
            IsRealtime = false;
            Demotions++;
        }
        else if (!IsRealtime && share < ReturnBusyShare && Demotions > 0)
        {
            IsRealtime = _raise(_priority);
        }
    }

    private const int ClockThreadCputime = 3;

    /// <summary>CPU time the calling thread has used, in nanoseconds (0 where unknown).</summary>
    internal static unsafe long ThreadCpuNanos()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        long* ts = stackalloc long[2];
        return clock_gettime(ClockThreadCputime, ts) == 0 ? ts[0] * 1_000_000_000 + ts[1] : 0;
    }

    [LibraryImport("libc")]
    private static unsafe partial int clock_gettime(int clock, long* ts);
}
