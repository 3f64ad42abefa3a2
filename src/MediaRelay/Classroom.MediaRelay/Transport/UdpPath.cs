using System.Net;
using System.Net.Sockets;

namespace Classroom.MediaRelay.Transport;

/// <summary>A path whose datagrams the fan-out may queue into its <c>sendmmsg</c> batch for a socket and address.</summary>
internal interface IBatchablePath
{
    Socket Socket { get; }

    SocketAddress Address { get; }
}

/// <summary>One remote UDP address on the shared media socket. Sending is a plain non-blocking SendTo.</summary>
internal sealed class UdpPath(Socket socket, SocketAddress address, RelayCounters counters) : IMediaPath, IBatchablePath
{
    public SocketAddress Address { get; } = address;

    /// <summary>The shared socket (the fan-out batches datagrams per socket).</summary>
    public Socket Socket => socket;

    /// <summary>Send failures seen by batched sends (the same counters as <see cref="Send"/>).</summary>
    public RelayCounters Counters => counters;

    public string Protocol => "udp";

    public string Remote => RemoteEndPoint.ToString();

    public bool IsOpen => true;

    public IPEndPoint RemoteEndPoint { get; } = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address);

    public void Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, Address);
        }
        catch (SocketException)
        {
            // Full send buffer or an ICMP error: UDP media tolerates the loss; count it.
            counters.OnDropped();
        }
        catch (ObjectDisposedException)
        {
            counters.OnDropped();
        }
    }
}
