using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Passive ICE-TCP listener (RFC 6544 §4.5): the browser connects, then sends RFC 4571 framed
/// STUN, DTLS and SRTP exactly as it would over UDP. Each connection is one <see cref="TcpPath"/>;
/// frames go to the same demultiplexer as UDP datagrams. Anyone may connect, so connections are
/// bounded per remote address (closed at accept) and must prove they belong to a session — a STUN
/// check that passes a session's integrity check — within <see cref="IceTcpLimits.FirstCheckDeadline"/>,
/// or they are closed (both counted).
/// </summary>
public sealed class TcpMediaListener : IDisposable
{
    /// <summary>Connections allowed at once; beyond it new ones are refused.</summary>
    private const int MaxConnections = 4096;

    private readonly Socket _listener;
    private readonly IDatagramSink _sink;
    private readonly RelayCounters _counters;
    private readonly IceTcpLimits _limits;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _connections;

    public TcpMediaListener(IPEndPoint bind, IDatagramSink sink, RelayCounters counters, IceTcpLimits? limits = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _sink = sink;
        _counters = counters;
        _limits = limits ?? IceTcpLimits.Default;
        _time = time ?? TimeProvider.System;
        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(bind);
        _listener.Listen(256);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections open now.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Start() => _ = AcceptLoopAsync();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }

            var address = AddressOf(socket);
            if (address is null || !TryAdmit(address))
            {
                _counters.OnTcpRefused();
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            var path = new TcpPath(socket, _counters);
            var deadline = _time.CreateTimer(_ => CloseIfUnauthenticated(path), null, _limits.FirstCheckDeadline, Timeout.InfiniteTimeSpan);
            _ = path.WriteLoopAsync(_stop.Token);
            _ = ReadLoopAsync(socket, path, address, deadline);
        }
    }

    private static IPAddress? AddressOf(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint is IPEndPoint remote ? (remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address) : null;
        }
        catch (SocketException)
        {
            return null; // reset before we looked
        }
    }

    private bool TryAdmit(IPAddress address)
    {
        lock (_gate)
        {
            var fromAddress = _perAddress.GetValueOrDefault(address);
            if (_connections >= MaxConnections || fromAddress >= _limits.MaxConnectionsPerAddress) return false;
            _perAddress[address] = fromAddress + 1;
            _connections++;
            return true;
        }
    }

    private void Release(IPAddress address)
    {
        lock (_gate)
        {
            var left = _perAddress.GetValueOrDefault(address) - 1;
            if (left > 0) _perAddress[address] = left;
            else _perAddress.Remove(address);
            _connections--;
        }
    }

    private void CloseIfUnauthenticated(TcpPath path)
    {
        if (path.Authenticated || !path.IsOpen) return;
        _counters.OnTcpUnauthenticated();
        path.Close(); // the read loop sees the socket go and cleans up
    }

    private async Task ReadLoopAsync(Socket socket, TcpPath path, IPAddress address, ITimer deadline)
    {
        var buffer = new byte[2 + ushort.MaxValue];
        try
        {
            while (true)
            {
                if (!await ReadExactlyAsync(socket, buffer.AsMemory(0, 2)).ConfigureAwait(false)) break;
                var length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
                if (length == 0) continue;
                if (!await ReadExactlyAsync(socket, buffer.AsMemory(2, length)).ConfigureAwait(false)) break;
                _counters.OnReceived();
                try
                {
                    _sink.OnDatagram(buffer.AsSpan(2, length), path);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _counters.OnDropped();
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Peer reset, shutdown, or closed at the deadline.
        }
        finally
        {
            await deadline.DisposeAsync().ConfigureAwait(false);
            path.Close();
            Release(address);
            _sink.OnPathClosed(path);
        }
    }

    private async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> target)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await socket.ReceiveAsync(target[read..], SocketFlags.None, _stop.Token).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }

        return true;
    }

    public void Dispose()
    {
        // The token source is cancelled, not disposed: connection loops still observe its token.
        _stop.Cancel();
        _listener.Dispose();
    }
}
