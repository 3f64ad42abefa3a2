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
/// Keeps one media thread real-time only while it is light: the thread reports the time it was
/// busy; once a second the share of that second is checked, above <see cref="MaxBusyShare"/> the
/// thread goes back to normal scheduling (a relay that has to work most of the time gains
/// nothing from preempting others, and would starve them), below <see cref="ReturnBusyShare"/> it
/// asks for real-time again. Written and read by its own thread only.
/// </summary>
internal sealed class RealtimeBudget
{
    // Two workers and the receive thread at these shares leave a 2-core school server about one
    // core for the hub and the scheduler even when every media thread is real-time.
    public const double MaxBusyShare = 0.35;
    public const double ReturnBusyShare = 0.2;

    private readonly int _priority;
    private readonly Func<int, bool> _raise;
    private readonly Func<bool> _lower;
    private readonly long _window;
    private long _windowStart;
    private long _busy;

    /// <param name="priority">SCHED_FIFO priority to hold while light; 0 = never real-time.</param>
    /// <param name="frequency">Ticks per second of the timestamps given to <see cref="OnBusy"/>.</param>
    public RealtimeBudget(int priority, long frequency, long start, Func<int, bool>? raise = null, Func<bool>? lower = null)
    {
        _priority = priority;
        _raise = raise ?? MediaThreadPriority.TryRaise;
        _lower = lower ?? MediaThreadPriority.Lower;
        _window = frequency;
        _windowStart = start;
        IsRealtime = _priority > 0 && _raise(_priority);
    }

    public bool IsRealtime { get; private set; }

    /// <summary>Times this thread left real-time because it was busy.</summary>
    public int Demotions { get; private set; }

    /// <summary>The thread worked from <paramref name="from"/> to <paramref name="to"/> (timestamps).</summary>
    public void OnBusy(long from, long to)
    {
        _busy += to - from;
        if (to - _windowStart < _window) return;
        var share = (double)_busy / (to - _windowStart);
        _windowStart = to;
        _busy = 0;
        if (_priority <= 0) return;
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
}
