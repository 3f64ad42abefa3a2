using System.Runtime.InteropServices;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Puts the calling media thread (the UDP receive loop, the fan-out workers) under the Linux
/// SCHED_FIFO policy at a low real-time priority, when the process is allowed to (root,
/// CAP_SYS_NICE, or an RLIMIT_RTPRIO such as systemd's <c>LimitRTPRIO=</c>): a woken media
/// thread then runs at once instead of waiting behind other work on the same cores. The threads
/// block between packets and use a fraction of a core; the kernel's real-time throttling still
/// leaves 5 % of every second to normal threads. Best effort: where it is not allowed the thread
/// stays as it was (docs/relay.md "Fan-out core").
/// </summary>
internal static partial class MediaThreadPriority
{
    private const int SchedFifo = 1;

    /// <summary>Returns true when the calling thread now runs at <paramref name="priority"/> (1–99); 0 asks for nothing.</summary>
    public static bool TryRaise(int priority)
    {
        if (priority <= 0 || !OperatingSystem.IsLinux()) return false;
        var param = new SchedParam { Priority = Math.Min(priority, 99) };
        return sched_setscheduler(0, SchedFifo, ref param) == 0; // pid 0: the calling thread
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, ref SchedParam param);
}
