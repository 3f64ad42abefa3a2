using System.Globalization;

namespace Classroom.LoadTool.Engine;

/// <summary>
/// CPU time (utime + stime, proc(5) fields 14 and 15, in clock ticks of 1/100 s on Linux x86-64)
/// and resident memory (VmRSS) of a process at one instant.
/// </summary>
public readonly record struct ProcessSample(long AtNanos, double CpuSeconds, long RssKb)
{
    private const double TicksPerSecond = 100;

    public static ProcessSample? TryRead(int pid, long atNanos)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may contain spaces and parentheses: fields count from the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                rss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                break;
            }

            return new ProcessSample(atNanos, ticks / TicksPerSecond, rss);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
