using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Passive ICE-TCP listener (RFC 6544 §4.5): the browser connects, then sends RFC 4571 framed
/// STUN, DTLS and SRTP exactly as it would over UDP. Each connection is one <see cref="TcpPath"/>;
/// frames go to the same demultiplexer as UDP datagrams.
/// </summary>
public sealed class TcpMediaListener : IDisposable
{
    /// <summary>Connections allowed at once; beyond it new ones are refused.</summary>
    private const int MaxConnections = 4096;

    private readonly Socket _listener;
    private readonly IDatagramSink _sink;
    private readonly RelayCounters _counters;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public TcpMediaListener(IPEndPoint bind, IDatagramSink sink, RelayCounters counters)
    {
        _sink = sink;
        _counters = counters;
        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(bind);
        _listener.Listen(256);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

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

            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            var path = new TcpPath(socket, _counters);
            _ = path.WriteLoopAsync(_stop.Token);
            _ = ReadLoopAsync(socket, path);
        }
    }

    private async Task ReadLoopAsync(Socket socket, TcpPath path)
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
            // Peer reset or shutdown.
        }
        finally
        {
            path.Close();
            Interlocked.Decrement(ref _connections);
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
