using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Up to <see cref="Capacity"/> datagrams for one UDP socket, sent with one <c>sendmmsg(2)</c>
/// call on Linux (one system call instead of one per packet: the per-packet kernel entry is what a
/// bare <c>sendto</c> loop pays). Callers write each datagram straight into the next native slot
/// (<see cref="Acquire"/>, then <see cref="Commit"/>), so nothing is copied twice and nothing is
/// allocated. Elsewhere (or if the call is missing) it falls back to one SendTo per datagram.
/// Not thread-safe: one batch per fan-out worker.
/// </summary>
internal sealed unsafe partial class UdpBatch : IDisposable
{
    public const int Capacity = 64;

    /// <summary>Largest datagram: an MTU-sized RTP packet grown by a header extension, RTX and the SRTP tag.</summary>
    public const int SlotSize = 1600;

    private const int NameSize = 32; // sockaddr_in6 is 28
    private const int MsgDontWait = 0x40;
    private const int EAgain = 11;
    private const int EIntr = 4;

    private readonly RelayCounters _counters;
    private readonly byte* _memory;
    private readonly MMsgHdr* _messages;
    private readonly IoVec* _vectors;
    private readonly byte* _names;
    private readonly byte* _data;
    private readonly SocketAddress[] _fallbackAddresses = new SocketAddress[Capacity];
    private Socket? _socket;
    private int _count;
    private bool _useSendmmsg = OperatingSystem.IsLinux();

    public UdpBatch(RelayCounters counters)
    {
        _counters = counters;
        var bytes = (nuint)(Capacity * (sizeof(MMsgHdr) + sizeof(IoVec) + NameSize + SlotSize));
        _memory = (byte*)NativeMemory.AllocZeroed(bytes);
        _messages = (MMsgHdr*)_memory;
        _vectors = (IoVec*)(_memory + (Capacity * sizeof(MMsgHdr)));
        _names = (byte*)(_vectors + Capacity);
        _data = _names + (Capacity * NameSize);
        for (var i = 0; i < Capacity; i++)
        {
            _vectors[i].Base = _data + (i * SlotSize);
            _messages[i].Header.Name = _names + (i * NameSize);
            _messages[i].Header.Iov = _vectors + i;
            _messages[i].Header.IovLength = 1;
        }
    }

    /// <summary>Datagrams waiting for <see cref="Flush"/>.</summary>
    public int Count => _count;

    /// <summary>Datagrams handed to the kernel so far, and system calls made (for benchmarks and metrics).</summary>
    public long Sent { get; private set; }

    public long Calls { get; private set; }

    /// <summary>
    /// The slot the next datagram for <paramref name="socket"/> is written into. Flushes first when
    /// the batch is full or holds another socket's datagrams.
    /// </summary>
    public Span<byte> Acquire(Socket socket)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_count == Capacity || (_socket is not null && !ReferenceEquals(_socket, socket))) Flush();
        _socket = socket;
        return new Span<byte>(_data + (_count * SlotSize), SlotSize);
    }

    /// <summary>Queues the datagram written into the last acquired slot.</summary>
    public void Commit(SocketAddress address, int length)
    {
        var name = address.Buffer.Span[..address.Size];
        if (name.Length > NameSize || (uint)length > SlotSize) { _counters.OnDropped(); return; }
        name.CopyTo(new Span<byte>(_names + (_count * NameSize), NameSize));
        _messages[_count].Header.NameLength = (uint)name.Length;
        _vectors[_count].Length = (nuint)length;
        _fallbackAddresses[_count] = address;
        _count++;
    }

    /// <summary>Sends everything queued; a datagram the kernel refuses is dropped and counted.</summary>
    public void Flush()
    {
        if (Volatile.Read(ref _disposed) != 0) { _count = 0; return; }
        var socket = _socket;
        var count = _count;
        _count = 0;
        if (socket is null || count == 0) return;
        try
        {
            if (_useSendmmsg) SendMany(socket, count);
            else SendOneByOne(socket, 0, count);
        }
        catch (ObjectDisposedException)
        {
            _counters.OnDropped();
        }
        finally
        {
            Array.Clear(_fallbackAddresses, 0, count);
        }
    }

    private void SendMany(Socket socket, int count)
    {
        // Hold the handle for the call: a socket closed meanwhile must not have its number reused under us.
        var handle = socket.SafeHandle;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            SendMany((int)handle.DangerousGetHandle(), socket, count);
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private void SendMany(int fd, Socket socket, int count)
    {
        var offset = 0;
        while (offset < count)
        {
            int sent;
            try
            {
                sent = SendMmsg(fd, _messages + offset, (uint)(count - offset), MsgDontWait);
            }
            catch (EntryPointNotFoundException)
            {
                _useSendmmsg = false;
                SendOneByOne(socket, offset, count);
                return;
            }

            Calls++;
            if (sent > 0)
            {
                offset += sent;
                Sent += sent;
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == EIntr) continue;
            if (error == EAgain)
            {
                // Send buffer full: UDP media tolerates the loss; the rest of this batch is dropped.
                for (var i = offset; i < count; i++) _counters.OnDropped();
                return;
            }

            // The first datagram was refused (e.g. an ICMP error remembered for its address): skip it.
            _counters.OnDropped();
            offset++;
        }
    }

    private void SendOneByOne(Socket socket, int from, int count)
    {
        for (var i = from; i < count; i++)
        {
            try
            {
                socket.SendTo(new ReadOnlySpan<byte>(_data + (i * SlotSize), (int)_vectors[i].Length), SocketFlags.None, _fallbackAddresses[i]);
                Sent++;
                Calls++;
            }
            catch (SocketException)
            {
                _counters.OnDropped();
            }
        }
    }

    private int _disposed;

    /// <summary>Frees the native memory once; the owner makes sure no send is running.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) NativeMemory.Free(_memory);
    }

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMmsg(int fd, MMsgHdr* messages, uint count, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    /// <summary>sizeof(struct mmsghdr) on 64-bit Linux is 64 (checked by a test).</summary>
    internal static int MessageHeaderSize => sizeof(MMsgHdr);
}
