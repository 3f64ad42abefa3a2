using System.Net;
using System.Net.Sockets;

namespace Classroom.MediaRelay.Recording;

/// <summary>Loopback UDP ports for ffmpeg's RTP input: an even port whose odd neighbour (RTCP) is free too.</summary>
internal static class RtpPorts
{
    /// <summary>A free pair (port, port + 1) right now; ffmpeg binds it moments later (a race another process rarely wins; the run then fails and is restarted).</summary>
    public static int TakeFreePair()
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            using var probe = Bind(0);
            var port = ((IPEndPoint)probe!.LocalEndPoint!).Port & ~1;
            if (port is < 1024 or > 65534) continue;
            using var rtp = port == ((IPEndPoint)probe.LocalEndPoint!).Port ? null : Bind(port);
            using var rtcp = Bind(port + 1);
            if (rtcp is null || (rtp is null && port != ((IPEndPoint)probe.LocalEndPoint!).Port)) continue;
            return port;
        }

        throw new InvalidOperationException("no free loopback UDP port pair for the recorder");
    }

    /// <summary>True when something (ffmpeg) has bound the port.</summary>
    public static bool IsBound(int port)
    {
        using var socket = Bind(port);
        return socket is null;
    }

    private static Socket? Bind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
