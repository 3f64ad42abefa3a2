using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Classroom.LoadTool.Baseline;

/// <summary>
/// The machine's ceiling for a UDP fan-out: one thread calling sendto(2) with 1,200-byte datagrams
/// to a local socket that is never read (the kernel drops what overflows its buffer, so only the
/// sender's cost is measured), for a fixed time. Reports datagrams per second of this process's
/// CPU time, the unit egress of a relay is compared with.
/// </summary>
public static class SendtoBaseline
{
    public sealed record Result(int DatagramBytes, double WallSeconds, double CpuSeconds, long Datagrams, double DatagramsPerSecond, double DatagramsPerCpuSecond);

    public static Result Run(TimeSpan duration, int datagramBytes)
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = receiver.LocalEndPoint!.Serialize();
        var payload = new byte[datagramBytes];
        payload.AsSpan().Fill(0x5A);

        using var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sent = 0;
        // Bounded by time, checked every 256 sends; a send error (buffer full) still costs a syscall and counts.
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            for (var i = 0; i < 256; i++)
            {
                try
                {
                    sender.SendTo(payload, SocketFlags.None, target);
                }
                catch (SocketException)
                {
                    // ENOBUFS under pressure: the call was made; go on.
                }
            }

            sent += 256;
        }

        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        return new Result(datagramBytes, Math.Round(wall, 3), Math.Round(cpu, 3), sent, Math.Round(sent / wall), Math.Round(cpu > 0 ? sent / cpu : 0));
    }
}
