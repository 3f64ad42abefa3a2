using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Classroom.MediaRelay.Transport;

/// <summary>
/// One passive ICE-TCP connection (RFC 6544). Outgoing datagrams are framed with the RFC 4571
/// two-byte length and queued to a writer task; a full queue drops (a slow school link must not
/// stall the loop that forwards to everyone else).
/// </summary>
internal sealed class TcpPath : IMediaPath
{
    private const int MaxQueued = 512;

    private readonly Socket _socket;
    private readonly RelayCounters _counters;
    private readonly Channel<(byte[] Buffer, int Length)> _outgoing =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(MaxQueued)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    private volatile bool _open = true;
    private volatile bool _authenticated;

    public TcpPath(Socket socket, RelayCounters counters)
    {
        _socket = socket;
        _counters = counters;
        RemoteEndPoint = socket.RemoteEndPoint as System.Net.IPEndPoint ?? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0);
    }

    public string Protocol => "tcp";

    public System.Net.IPEndPoint RemoteEndPoint { get; }

    public string Remote => "tcp:" + RemoteEndPoint;

    public bool IsOpen => _open;

    /// <summary>True once a STUN check on this connection passed a session's integrity check.</summary>
    public bool Authenticated => _authenticated;

    public void OnAuthenticatedCheck() => _authenticated = true;

    public void Send(ReadOnlySpan<byte> datagram)
    {
        if (!_open || datagram.Length > ushort.MaxValue) { _counters.OnDropped(); return; }
        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length + 2);
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)datagram.Length);
        datagram.CopyTo(buffer.AsSpan(2));
        if (!_outgoing.Writer.TryWrite((buffer, datagram.Length + 2)))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _counters.OnDropped();
        }
    }

    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (buffer, length) in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _socket.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Connection gone; the read loop reports the close.
        }
        finally
        {
            Close();
        }
    }

    public void Close()
    {
        _open = false;
        _outgoing.Writer.TryComplete();
        while (_outgoing.Reader.TryRead(out var item)) ArrayPool<byte>.Shared.Return(item.Buffer);
        _socket.Dispose();
    }
}
