using System.Globalization;

namespace Classroom.LoadTool.Engine;

/// <summary>
/// Datagrams the kernel dropped because a process's UDP sockets' receive buffers were full: the
/// "drops" column of /proc/&lt;pid&gt;/net/udp and udp6 (proc(5)), summed over the sockets whose
/// inodes the process holds open (/proc/&lt;pid&gt;/fd → "socket:[inode]"). For the server this
/// is the server-side drop count a process cannot hide (its own queue drops are not included);
/// for the tool it shows whether players, not the server, lost packets.
/// </summary>
public static class UdpSocketDrops
{
    public static long? ForProcess(int pid)
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
            }

            long drops = 0;
            foreach (var table in new[] { "udp", "udp6" })
            {
                var path = $"/proc/{pid}/net/{table}";
                if (!File.Exists(path)) continue;
                foreach (var line in File.ReadLines(path).Skip(1))
                {
                    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
                    var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length >= 13 && inodes.Contains(f[9])) drops += long.Parse(f[12], CultureInfo.InvariantCulture);
                }
            }

            return drops;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
