using System.Net.Sockets;
using System.Runtime.InteropServices;
using Classroom.MediaRelay.Client;

namespace Classroom.LoadTool.Engine;

/// <summary>
/// Receives for many <see cref="RelayClient"/>s from a few dedicated threads with Linux epoll
/// (epoll(7)): each thread owns one epoll instance and one receive buffer, waits in
/// <c>epoll_wait</c>, and drains every ready socket with non-blocking <c>recv(MSG_DONTWAIT)</c>
/// straight into the client's datagram handler. No task, no thread-pool hop and no allocation per
/// datagram, so a load run with 500–1,000 players measures the server, not the players' own
/// scheduling on shared cores. Level-triggered: a socket left with data (the per-wake bound below)
/// is reported again on the next wait. Linux x86-64 only (the packed <c>epoll_event</c> layout);
/// elsewhere <see cref="IsSupported"/> is false and clients keep their own async receive loops.
/// It plugs into the relay's client core as its <see cref="IClientReceiver"/>; it lives in the
/// load tool, not the relay, since only emulated players need it.
/// <para>
/// Each socket has <c>SO_TIMESTAMPNS</c> on, and datagrams are read with <c>recvmsg</c>: the
/// kernel's receive time of each datagram is handed to the client (<see cref="RelayClient"/>'s
/// observer), converted to the <see cref="System.Diagnostics.Stopwatch"/> clock. It is when the
/// datagram reached this host's socket — the moment a player on its own machine would have it —
/// however long this process then took to get to it on shared cores.
/// </para>
/// </summary>
internal sealed partial class EpollReceiver : IClientReceiver, IDisposable
{
    /// <summary>Datagrams taken from one socket per wake before moving to the next ready socket (fairness).</summary>
    private const int MaxPerWake = 64;
    private const int MaxEvents = 256;
    private const int WaitMillis = 100;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const uint EpollIn = 0x001;
    private const int EpollCloexec = 0x80000;
    private const int MsgDontWait = 0x40;
    private const int Eintr = 4;
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35; // also its control-message type, SCM_TIMESTAMPNS
    private const int ClockRealtime = 0;
    private const int ControlBytes = 64;

    private readonly Worker[] _workers;
    private readonly Lock _gate = new();
    private RelayClient?[] _slots = new RelayClient?[64];
    private readonly Stack<int> _free = new();
    private int _used;
    private int _next;

    /// <param name="threads">Receive threads (1–8); clients are spread over them round-robin.</param>
    public EpollReceiver(int threads = 1)
    {
        if (!IsSupported) throw new PlatformNotSupportedException("EpollReceiver needs Linux on x86-64");
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, 8);
        _workers = new Worker[threads];
        for (var i = 0; i < threads; i++) _workers[i] = new Worker(this, i);
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Clients registered right now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _used - _free.Count;
        }
    }

    /// <summary>Datagrams received over all threads (read from any thread).</summary>
    public long Datagrams
    {
        get
        {
            long sum = 0;
            foreach (var w in _workers) sum += w.Datagrams;
            return sum;
        }
    }

    /// <summary>Starts delivering <paramref name="client"/>'s datagrams; disposing the registration stops it.</summary>
    public IDisposable Add(RelayClient client, Socket socket)
    {
        int slot;
        Worker worker;
        lock (_gate)
        {
            if (_free.Count > 0)
            {
                slot = _free.Pop();
            }
            else
            {
                if (_used == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
                slot = _used++;
            }

            Volatile.Write(ref _slots[slot], client);
            worker = _workers[_next++ % _workers.Length];
        }

        var fd = (int)socket.Handle;
        var on = 1;
        unsafe
        {
            // Best effort: without it the client's arrival time is 0 and callers fall back to their own clock.
            _ = setsockopt(fd, SolSocket, SoTimestampNs, &on, sizeof(int));
        }

        var ev = new EpollEvent { Events = EpollIn, Data = (ulong)slot };
        if (epoll_ctl(worker.Epoll, EpollCtlAdd, fd, ref ev) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Release(slot);
            throw new SocketException(errno);
        }

        return new Registration(this, worker, fd, slot);
    }

    /// <summary>Stops delivery; call before the socket is closed. A datagram already taken may still be delivered once.</summary>
    private void Remove(Worker worker, int fd, int slot)
    {
        var ev = default(EpollEvent);
        _ = epoll_ctl(worker.Epoll, EpollCtlDel, fd, ref ev);
        Release(slot);
    }

    private void Release(int slot)
    {
        lock (_gate)
        {
            if (_slots[slot] is null) return;
            Volatile.Write(ref _slots[slot], null);
            _free.Push(slot);
        }
    }

    private RelayClient? ClientAt(ulong slot)
    {
        var slots = Volatile.Read(ref _slots);
        return slot < (ulong)slots.Length ? Volatile.Read(ref slots[slot]) : null;
    }

    public void Dispose()
    {
        foreach (var w in _workers) w.Stop();
        foreach (var w in _workers) w.Join();
    }

    private sealed class Registration(EpollReceiver owner, Worker worker, int fd, int slot) : IDisposable
    {
        private int _removed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _removed, 1) == 0) owner.Remove(worker, fd, slot);
        }
    }

    internal sealed unsafe class Worker
    {
        private readonly EpollReceiver _owner;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _datagrams;

        public long Datagrams => Interlocked.Read(ref _datagrams);

        public Worker(EpollReceiver owner, int index)
        {
            _owner = owner;
            Epoll = epoll_create1(EpollCloexec);
            if (Epoll < 0) throw new SocketException(Marshal.GetLastPInvokeError());
            _thread = new Thread(Run) { IsBackground = true, Name = $"epoll-rx-{index}" };
            _thread.Start();
        }

        public int Epoll { get; }

        public void Stop() => _stop = true;

        public void Join()
        {
            _thread.Join();
            _ = close(Epoll);
        }

        /// <summary>
        /// Reads one client's socket until it would block. The socket's handle is referenced
        /// meanwhile, so a client closing on another thread cannot let its descriptor number be
        /// reused by a new socket under this recv.
        /// </summary>
        private void Drain(RelayClient client, MsgHdr* msg, byte[] buffer, long realtimeMinusMonotonic)
        {
            var handle = client.SocketHandle;
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var fd = (int)handle.DangerousGetHandle();
                for (var k = 0; k < MaxPerWake; k++)
                {
                    msg->ControlLength = ControlBytes;
                    msg->Flags = 0;
                    var got = recvmsg(fd, msg, MsgDontWait);
                    if (got < 0) break; // EAGAIN: drained.
                    Interlocked.Increment(ref _datagrams);
                    var arrival = KernelTimestamp(msg);
                    client.OnDatagram(buffer.AsSpan(0, (int)got), arrival == 0 ? 0 : arrival - realtimeMinusMonotonic);
                }
            }
            catch (ObjectDisposedException)
            {
                // The client closed between the wake and this read.
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        private void Run()
        {
            var buffer = GC.AllocateArray<byte>(2048, pinned: true);
            var control = GC.AllocateArray<byte>(ControlBytes, pinned: true);
            var events = GC.AllocateArray<EpollEvent>(MaxEvents, pinned: true);
            fixed (byte* buf = buffer)
            fixed (byte* ctl = control)
            fixed (EpollEvent* evs = events)
            {
                var iov = new IoVec { Base = buf, Length = buffer.Length };
                var msg = new MsgHdr { Iov = &iov, IovLength = 1, Control = ctl };
                while (!_stop)
                {
                    var n = epoll_wait(Epoll, evs, MaxEvents, WaitMillis);
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == Eintr) continue;
                        return;
                    }

                    // The kernel stamps in CLOCK_REALTIME; callers measure with the Stopwatch
                    // (CLOCK_MONOTONIC). One offset per wake keeps both sides on one clock.
                    var offset = RealtimeNanos() - (long)((Int128)System.Diagnostics.Stopwatch.GetTimestamp() * 1_000_000_000 / System.Diagnostics.Stopwatch.Frequency);
                    for (var i = 0; i < n; i++)
                    {
                        var client = _owner.ClientAt(evs[i].Data);
                        if (client is not null) Drain(client, &msg, buffer, offset);
                    }
                }
            }
        }

        /// <summary>The SCM_TIMESTAMPNS control message of the last <c>recvmsg</c> (CLOCK_REALTIME ns), or 0.</summary>
        private static long KernelTimestamp(MsgHdr* msg)
        {
            var p = (byte*)msg->Control;
            var end = p + msg->ControlLength;
            while (p + sizeof(CmsgHdr) <= end)
            {
                var c = (CmsgHdr*)p;
                if (c->Length < (ulong)sizeof(CmsgHdr)) return 0;
                if (c->Level == SolSocket && c->Type == SoTimestampNs && c->Length >= (ulong)(sizeof(CmsgHdr) + sizeof(TimeSpec)))
                {
                    var ts = (TimeSpec*)(p + sizeof(CmsgHdr));
                    return ts->Seconds * 1_000_000_000 + ts->Nanoseconds;
                }

                p += (c->Length + 7) & ~7UL; // CMSG_ALIGN on 64-bit
            }

            return 0;
        }

        private static long RealtimeNanos()
        {
            TimeSpec ts;
            return clock_gettime(ClockRealtime, &ts) == 0 ? ts.Seconds * 1_000_000_000 + ts.Nanoseconds : 0;
        }
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    // struct msghdr, iovec, cmsghdr and timespec of the x86-64 Linux ABI.
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nint IovLength;
        public void* Control;
        public nint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct IoVec
    {
        public void* Base;
        public nint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct CmsgHdr
    {
        public ulong Length;
        public int Level;
        public int Type;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, ref EpollEvent ev);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int epoll_wait(int epfd, EpollEvent* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint recvmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int setsockopt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc")]
    private static unsafe partial int clock_gettime(int clock, TimeSpec* ts);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
