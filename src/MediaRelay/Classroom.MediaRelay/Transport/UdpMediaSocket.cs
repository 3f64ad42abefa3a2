using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// The one UDP socket all sessions share. A single dedicated receive thread reads into one
/// reusable buffer and hands each datagram to the demultiplexer synchronously; no allocation per
/// datagram from a known address.
/// </summary>
public sealed class UdpMediaSocket : IDisposable
{
    /// <summary>Bound on remembered remote addresses, so a spoofed flood cannot grow memory.</summary>
    private const int MaxPaths = 16_384;

    private readonly Socket _socket;
    private readonly IDatagramSink _sink;
    private readonly RelayCounters _counters;
    private readonly ConcurrentDictionary<SocketAddress, UdpPath> _paths = new();
    private readonly int _priority;
    private Thread? _thread;

    private readonly Action<bool>? _priorityResult;

    /// <param name="realtimePriority">SCHED_FIFO priority for the receive thread (0: normal); <paramref name="priorityResult"/> hears whether it was granted.</param>
    public UdpMediaSocket(IPEndPoint bind, IDatagramSink sink, RelayCounters counters, int realtimePriority = 0, Action<bool>? priorityResult = null)
    {
        _priority = realtimePriority;
        _priorityResult = priorityResult;
        _sink = sink;
        _counters = counters;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.SendBufferSize = 4 * 1024 * 1024;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "relay-udp-" + LocalEndPoint.Port };
        _thread.Start();
    }

    /// <summary>Forgets a remote address once no session uses it.</summary>
    public void Forget(IMediaPath path)
    {
        if (path is UdpPath udp) _paths.TryRemove(udp.Address, out _);
    }

    private void ReceiveLoop()
    {
        var budget = new RealtimeBudget(_priority, System.Diagnostics.Stopwatch.Frequency, System.Diagnostics.Stopwatch.GetTimestamp());
        if (_priority > 0) _priorityResult?.Invoke(budget.IsRealtime);
        var buffer = GC.AllocateUninitializedArray<byte>(2048, pinned: true);
        var from = new SocketAddress(_socket.AddressFamily);
        while (true)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier send surfaces here on some stacks.
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _counters.OnReceived();
            if (n <= 0) continue;
            try
            {
                _sink.OnDatagram(buffer.AsSpan(0, n), PathFor(from));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad datagram (or a bug it triggers) must not stop the loop for every session.
                _counters.OnDropped();
            }

            budget.Check(System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }

    private UdpPath PathFor(SocketAddress from)
    {
        if (_paths.TryGetValue(from, out var known)) return known;
        var copy = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span.CopyTo(copy.Buffer.Span);
        var path = new UdpPath(_socket, copy, _counters);
        return _paths.Count < MaxPaths ? _paths.GetOrAdd(copy, path) : path;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _thread?.Join(TimeSpan.FromSeconds(2));
    }
}
