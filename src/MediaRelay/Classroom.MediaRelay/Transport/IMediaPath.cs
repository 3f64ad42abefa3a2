namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Where a session's packets go: a UDP 5-tuple or an ICE-TCP connection. Send never blocks and
/// never throws; a path that cannot take more drops and counts.
/// </summary>
public interface IMediaPath
{
    /// <summary>Sends one datagram (on TCP framed per RFC 4571).</summary>
    void Send(ReadOnlySpan<byte> datagram);

    /// <summary>The peer's address, reported back in XOR-MAPPED-ADDRESS.</summary>
    System.Net.IPEndPoint RemoteEndPoint { get; }

    /// <summary>"udp" or "tcp", for stats and logs.</summary>
    string Protocol { get; }

    /// <summary>The peer as text, for logs.</summary>
    string Remote { get; }

    /// <summary>False once the path is gone (TCP connection closed).</summary>
    bool IsOpen { get; }

    /// <summary>
    /// A STUN check on this path passed a session's message-integrity check: the peer knows a
    /// session's ICE password. An ICE-TCP connection that never gets here is closed at its deadline.
    /// </summary>
    void OnAuthenticatedCheck()
    {
    }
}
