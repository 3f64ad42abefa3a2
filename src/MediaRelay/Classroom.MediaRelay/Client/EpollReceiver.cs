using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// Receives for many <see cref="RelayClient"/>s from a few dedicated threads with Linux epoll
/// (epoll(7)): each thread owns one epoll instance and one receive buffer, waits in
/// <c>epoll_wait</c>, and drains every ready socket with non-blocking <c>recv(MSG_DONTWAIT)</c>
/// straight into the client's datagram handler. No task, no thread-pool hop and no allocation per
/// datagram, so a load run with 500–1,000 players measures the server, not the players' own
/// scheduling on shared cores. Level-triggered: a socket left with data (the per-wake bound below)
/// is reported again on the next wait. Linux x86-64 only (the packed <c>epoll_event</c> layout);
/// elsewhere <see cref="IsSupported"/> is false and clients keep their own async receive loops.
/// </summary>
public sealed partial class EpollReceiver : IDisposable
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

    /// <summary>Starts delivering <paramref name="client"/>'s datagrams; returns the registration to pass to <see cref="Remove"/>.</summary>
    internal Registration Add(RelayClient client, Socket socket)
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
        var ev = new EpollEvent { Events = EpollIn, Data = (ulong)slot };
        if (epoll_ctl(worker.Epoll, EpollCtlAdd, fd, ref ev) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Release(slot);
            throw new SocketException(errno);
        }

        return new Registration(worker, fd, slot);
    }

    /// <summary>Stops delivery; call before the socket is closed. A datagram already taken may still be delivered once.</summary>
    internal void Remove(Registration registration)
    {
        var ev = default(EpollEvent);
        _ = epoll_ctl(registration.Worker.Epoll, EpollCtlDel, registration.Fd, ref ev);
        Release(registration.Slot);
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

    internal readonly record struct Registration(Worker Worker, int Fd, int Slot);

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
        private void Drain(RelayClient client, byte* buf, byte[] buffer)
        {
            var handle = client.SocketHandle;
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var fd = (int)handle.DangerousGetHandle();
                for (var k = 0; k < MaxPerWake; k++)
                {
                    var got = recv(fd, buf, buffer.Length, MsgDontWait);
                    if (got < 0) break; // EAGAIN: drained.
                    Interlocked.Increment(ref _datagrams);
                    client.OnDatagram(buffer.AsSpan(0, (int)got));
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
            var events = GC.AllocateArray<EpollEvent>(MaxEvents, pinned: true);
            fixed (byte* buf = buffer)
            fixed (EpollEvent* evs = events)
            {
                while (!_stop)
                {
                    var n = epoll_wait(Epoll, evs, MaxEvents, WaitMillis);
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == Eintr) continue;
                        return;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        var client = _owner.ClientAt(evs[i].Data);
                        if (client is not null) Drain(client, buf, buffer);
                    }
                }
            }
        }
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, ref EpollEvent ev);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int epoll_wait(int epfd, EpollEvent* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint recv(int fd, byte* buf, nint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
