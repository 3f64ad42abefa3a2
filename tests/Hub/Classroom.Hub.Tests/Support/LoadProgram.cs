using Classroom.Testing.Stores;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.Support;

/// <summary>
/// The hub load benchmark (docs/bench-hub.md): the hub runs as a child process; this process
/// opens rooms + 1 teacher + observers over WebSockets, checks every room in at once, then asks
/// questions at a fixed rate and measures ack latency (client) and stored→teacher-delivered
/// latency (server receive time to the teacher's handler, same machine clock), plus the hub
/// process's CPU and peak memory from /proc. Bounded by --seconds.
/// <c>dotnet Classroom.Hub.Tests.dll --hub-load [--rooms 500] [--observers 1499] [--rate 1000] [--seconds 60] [--store sqlite|postgres]</c>
/// </summary>
public static class LoadProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var rooms = Arg("--rooms", 500);
        var observers = Arg("--observers", 1499);
        var rate = Arg("--rate", 1000);
        var seconds = Arg("--seconds", 60);
        var time = TimeProvider.System;
        var folder = TempFolder.Create("load");
        var rosterFile = Path.Combine(folder, "rosters.json");
        HubHost.WriteRosters(rosterFile, TestLessons.All(time.GetUtcNow().AddMinutes(-5), rooms));
        var tokens = new TestTokens(JoinTokenKeys.LoadOrCreatePrivate(folder), time);
        // --store postgres: the hub's records go to a PostgreSQL server of its own with production
        // durability (fsync and synchronous commit on), as the SQLite file has its fsync.
        var store = Array.IndexOf(args, "--store") is var s && s >= 0 && s + 1 < args.Length ? args[s + 1] : "sqlite";
        string? postgres = null;
        if (store == "postgres")
        {
            var server = await Classroom.Testing.Stores.PostgresServer.StartDurableAsync().ConfigureAwait(false);
            postgres = server.NewDatabase("hubload");
        }
        else if (store != "sqlite") throw new ArgumentException("--store must be sqlite or postgres");

        Console.WriteLine($"store: {store}");
        await using var hub = new HubProcess(folder, rosterFile, RedisProcess.FreePort(), postgres: postgres);
        await hub.StartAsync().ConfigureAwait(false);
        var pid = hub.ProcessId;

        var delivered = new ConcurrentBag<double>();
        var teacher = Connect(hub, tokens.Teacher());
        var deliveredCount = 0;
        teacher.On<QuestionView>(nameof(ILessonClient.QuestionAsked), q =>
        {
            delivered.Add(time.GetUtcNow().ToUnixTimeMilliseconds() - q.ReceivedAtMs);
            Interlocked.Increment(ref deliveredCount);
        });
        await teacher.StartAsync().ConfigureAwait(false);
        var roomIds = Enumerable.Range(0, rooms).Select(i => (Id: 10_000L + i, School: 100L + (i % 50))).ToArray();
        var roomConnections = roomIds.Select(r => Connect(hub, tokens.Room(r.Id, r.School))).ToArray();
        var observerConnections = Enumerable.Range(0, observers).Select(i => Connect(hub, tokens.Student(100 + (i % 50), null))).ToArray();
        var connectWatch = Stopwatch.StartNew();
        foreach (var chunk in roomConnections.Concat(observerConnections).Chunk(50)) await Task.WhenAll(chunk.Select(c => c.StartAsync())).ConfigureAwait(false);
        Console.WriteLine($"connections: {roomConnections.Length + observerConnections.Length + 1} open after {connectWatch.Elapsed.TotalSeconds:F1} s");

        var checkInWatch = Stopwatch.StartNew();
        var checkInAcks = await Task.WhenAll(roomIds.Select((r, i) => TimedAsync(roomConnections[i], "CheckIn", new CheckInInput(Guid.NewGuid(), TestLessons.A, r.Id, 30, MediaTime.Now)))).ConfigureAwait(false);
        Console.WriteLine($"check-in: {rooms} rooms acked in {checkInWatch.Elapsed.TotalMilliseconds:F0} ms; ack p50 {Percentile(checkInAcks, 50):F1} ms p99 {Percentile(checkInAcks, 99):F1} ms");

        var cpuBefore = CpuTicks(pid);
        var load = Stopwatch.StartNew();
        var acks = new ConcurrentBag<double>();
        var slowest = new ConcurrentBag<(long AtMs, double Ms)>();
        var inFlight = new List<Task>();
        var failures = 0;
        var sent = 0;
        async Task AskAsync(HubConnection connection, QuestionInput question)
        {
            try
            {
                var ms = await TimedAsync(connection, "AskQuestion", question).ConfigureAwait(false);
                acks.Add(ms);
                if (ms > 100) slowest.Add((time.GetUtcNow().ToUnixTimeMilliseconds(), ms));
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        }

        const int tickMs = 10;
        var perTick = Math.Max(1, rate * tickMs / 1000);
        while (load.Elapsed.TotalSeconds < seconds)
        {
            for (var k = 0; k < perTick; k++)
            {
                var i = sent++ % rooms;
                inFlight.Add(AskAsync(roomConnections[i], new QuestionInput(Guid.NewGuid(), TestLessons.A, roomIds[i].Id, "load " + sent, MediaTime.Now)));
            }

            var due = TimeSpan.FromMilliseconds(tickMs * (sent / perTick)) - load.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var loadSeconds = load.Elapsed.TotalSeconds;
        var cpu = (CpuTicks(pid) - cpuBefore) / 100.0 / loadSeconds * 100; // USER_HZ = 100
        for (var i = 0; i < 100 && Volatile.Read(ref deliveredCount) < acks.Count; i++) await Task.Delay(100).ConfigureAwait(false);
        Console.WriteLine($"questions: {sent} sent in {loadSeconds:F1} s ({sent / loadSeconds:F0}/s), {acks.Count} acked, {failures} failed, {deliveredCount} delivered to the teacher");
        Console.WriteLine($"ack latency: p50 {Percentile(acks, 50):F1} ms p99 {Percentile(acks, 99):F1} ms");
        Console.WriteLine($"stored->teacher delivered: p50 {Percentile(delivered, 50):F1} ms p99 {Percentile(delivered, 99):F1} ms");
        // Acks over 100 ms by the second they completed in (unix ms), to match with a HUB_TRACE file.
        foreach (var second in slowest.GroupBy(s => s.AtMs / 1000).OrderBy(g => g.Key))
            Console.WriteLine($"  slow acks in second {second.Key * 1000}: {second.Count()}, worst {second.Max(s => s.Ms):F0} ms");
        Console.WriteLine($"hub process: CPU {cpu:F0}% of one core (2 cores shared with the load generator), peak RSS {PeakRssMb(pid):F0} MB");

        foreach (var c in roomConnections.Concat(observerConnections).Append(teacher)) await c.DisposeAsync().ConfigureAwait(false);
        await hub.KillAsync().ConfigureAwait(false);
        System.IO.Directory.Delete(folder, recursive: true);
        return failures == 0 && deliveredCount >= acks.Count ? 0 : 1;
    }

    private static HubConnection Connect(HubProcess hub, string token) =>
        new HubConnectionBuilder()
            .WithUrl(hub.BaseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

    private static async Task<double> TimedAsync(HubConnection connection, string method, object record)
    {
        var watch = Stopwatch.StartNew();
        await connection.InvokeCoreAsync(method, typeof(RecordAck), [record]).ConfigureAwait(false);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(IEnumerable<double> values, int p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
    }

    private static long CpuTicks(int pid)
    {
        // /proc/<pid>/stat fields 14 and 15 (utime, stime), after the ")" that ends the command name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static double PeakRssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
