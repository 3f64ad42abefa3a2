using System.Globalization;
using System.Text.Json;
using Classroom.LoadTool.Baseline;

namespace Classroom.LoadTool.Cli;

/// <summary>`classroom-load sendto-baseline`: the bare loopback sendto loop, the machine's limit for egress packets per CPU-second.</summary>
public static class BaselineCommand
{
    public const string Help = "classroom-load sendto-baseline [--duration 5s] [--size 1200] [--runs 3] [--json out.json]\n";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(ArgReader args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var duration = args.Duration("duration", TimeSpan.FromSeconds(5));
        var size = args.Int("size", 1200);
        var runs = Math.Clamp(args.Int("runs", 3), 1, 20);
        var json = args.String("json");
        args.RejectUnknown();
        var results = new List<SendtoBaseline.Result>();
        for (var i = 0; i < runs; i++)
        {
            var r = SendtoBaseline.Run(duration, size);
            results.Add(r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}: {r.Datagrams} datagrams of {r.DatagramBytes} B in {r.WallSeconds:0.00} s wall, {r.CpuSeconds:0.00} s CPU → {r.DatagramsPerSecond:N0}/s, {r.DatagramsPerCpuSecond:N0} per CPU-second"));
        }

        var median = results.OrderBy(r => r.DatagramsPerCpuSecond).ElementAt(results.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {median.DatagramsPerCpuSecond:N0} datagrams per CPU-second"));
        if (json is not null)
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { median, runs = results }, Json)).ConfigureAwait(false);
        return 0;
    }
}
