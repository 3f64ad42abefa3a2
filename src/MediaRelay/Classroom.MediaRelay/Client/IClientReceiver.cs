using System.Net.Sockets;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// A receive path shared by many <see cref="RelayClient"/>s instead of one async loop each (the
/// load tool's epoll threads). It hands each datagram of a client's socket to
/// <see cref="RelayClient.OnDatagram"/>, with the arrival time when it knows it.
/// </summary>
internal interface IClientReceiver
{
    /// <summary>Starts delivering <paramref name="client"/>'s datagrams; disposing the result stops delivery (the client does, before closing its socket).</summary>
    IDisposable Add(RelayClient client, Socket socket);
}
