using Classroom.Testing.Stores;
using System.Diagnostics;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Classroom.Hub.Tests.Durability;

/// <summary>
/// 200 rooms × (check-in + 5 questions + 3 quiz answers) through real WebSocket connections to a
/// hub running as a child process; mid-lesson the test kills the process with SIGKILL, starts it
/// again, and restarts Redis. Every record must end up in the store exactly once, and every
/// room's outbox must drain within 60 s of recovery.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class KillAndRestartTests(ITestOutputHelper output)
{
    private const int Rooms = 200;
    private readonly CancellationTokenSource _stop = new();

    [Fact]
    public async Task Every_record_is_stored_exactly_once_across_a_hub_kill_and_a_redis_restart()
    {
        var folder = TempFolder.Create("durability");
        var rosterFile = Path.Combine(folder, "rosters.json");
        var time = TimeProvider.System;
        HubHost.WriteRosters(rosterFile, TestLessons.All(time.GetUtcNow().AddMinutes(-5), Rooms));
        var tokens = new TestTokens(JoinTokenKeys.LoadOrCreatePrivate(folder), time);
        await using var redis = await RedisProcess.StartAsync();
        await using var hub = new HubProcess(folder, rosterFile, RedisProcess.FreePort(), redis.ConnectionString);
        await hub.StartAsync();

        var teacher = Connect(hub, tokens.Teacher());
        await teacher.StartAsync();
        var quizzes = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var teacherOutbox = new RecordOutbox(teacher);
        foreach (var q in quizzes) teacherOutbox.Add("OpenQuiz", new QuizInput(q, TestLessons.A, "题", ["A", "B", "C"], MediaTime.Now), q);
        Assert.True(await teacherOutbox.DrainAsync(time.GetUtcNow().AddSeconds(30), time));

        var rooms = Enumerable.Range(0, Rooms).Select(i => (Id: 10_000L + i, School: 100L + (i % 50))).ToArray();
        var connections = rooms.Select(r => Connect(hub, tokens.Room(r.Id, r.School))).ToArray();
        foreach (var chunk in connections.Chunk(25)) await Task.WhenAll(chunk.Select(c => c.StartAsync()));
        var outboxes = connections.Select(c => new RecordOutbox(c)).ToArray();
        var expected = new Dictionary<string, HashSet<Guid>> { ["CheckIn"] = [], ["AskQuestion"] = [], ["AnswerQuiz"] = [] };

        var hardDeadline = time.GetUtcNow().AddSeconds(150);
        var producing = rooms.Select((r, i) => ProduceAsync(r.Id, outboxes[i], quizzes, expected)).ToArray();
        var draining = outboxes.Select(o => DrainUntilDoneAsync(o, producing, hardDeadline, time)).ToArray();

        // A client's StartAsync returns before the hub has stored the room's presence (OnConnectedAsync
        // runs after the handshake): wait, bounded, until every room is stored as present, or a room the
        // crash caught mid-join starts a fresh interval with no drop (42 of 200 once beside stress-ng).
        await WaitForPresenceAsync(folder, Rooms, TimeSpan.FromSeconds(60));

        // Mid-lesson: kill -9 the hub, start it again; a little later restart Redis.
        await Task.Delay(2000);
        await hub.KillAsync();
        await Task.Delay(1000);
        await hub.StartAsync();
        await Task.Delay(2000);
        await redis.StopAsync();
        await Task.Delay(500);
        await redis.StartAgainAsync();
        var recovered = Stopwatch.StartNew();

        using var monitorStop = new CancellationTokenSource();
        var monitor = Task.Run(async () =>
        {
            while (!monitorStop.IsCancellationRequested)
            {
                await Task.Delay(5000);
                var states = connections.Zip(outboxes).Where(p => p.Second.Pending > 0).GroupBy(p => p.First.State).Select(g => $"{g.Key}={g.Count()}");
                output.WriteLine($"t+{recovered.Elapsed.TotalSeconds:F0}s pending rooms: {string.Join(" ", states)}; acks {outboxes.Sum(o => o.Acknowledged.Count)}");
            }
        });
        await Task.WhenAll(producing);
        var drained = await Task.WhenAll(draining);
        var drainSeconds = recovered.Elapsed.TotalSeconds;
        await monitorStop.CancelAsync();
        output.WriteLine("hub stderr (tail): " + hub.StdErr[Math.Max(0, hub.StdErr.Length - 3000)..]);
        output.WriteLine($"outboxes drained {drainSeconds:F1} s after recovery; {outboxes.Sum(o => o.Acknowledged.Count)} acks");

        Assert.All(drained, Assert.True);
        Assert.Empty(outboxes.SelectMany(o => o.Rejected));
        Assert.True(drainSeconds <= 60, $"drained after {drainSeconds:F1} s");
        await using var db = new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "hub.db")}").Options);
        var checkIns = await db.CheckIns.Where(c => c.LessonId == TestLessons.A).Select(c => c.Id).ToListAsync();
        var questions = await db.Questions.Where(c => c.LessonId == TestLessons.A).Select(c => c.Id).ToListAsync();
        var answers = await db.QuizAnswers.Where(c => c.LessonId == TestLessons.A).Select(c => c.Id).ToListAsync();
        Assert.Equal(Rooms, checkIns.Count);
        Assert.Equal(Rooms * 5, questions.Count);
        Assert.Equal(Rooms * 3, answers.Count);
        Assert.True(expected["CheckIn"].SetEquals(checkIns));
        Assert.True(expected["AskQuestion"].SetEquals(questions));
        Assert.True(expected["AnswerQuiz"].SetEquals(answers));

        // Presence survived the crash: each room reconnected within the grace period, so it has
        // one interval (not two), and the crash counts as a drop.
        var presence = await db.Presence.Where(p => p.LessonId == TestLessons.A && p.ClassroomId >= 10_000).ToListAsync();
        Assert.All(presence.GroupBy(p => p.ClassroomId), g => Assert.Single(g));
        Assert.Equal(Rooms, presence.Count);
        Assert.All(presence, p => Assert.True(p.Drops >= 1, $"room {p.ClassroomId} drops {p.Drops}"));

        await _stop.CancelAsync();
        await teacher.DisposeAsync();
        foreach (var c in connections) await c.DisposeAsync();
    }

    private static async Task WaitForPresenceAsync(string folder, int rooms, TimeSpan bound)
    {
        var waited = Stopwatch.StartNew();
        var present = 0;
        while (waited.Elapsed < bound)
        {
            await using var db = new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "hub.db")}").Options);
            present = await db.Presence.CountAsync(p => p.LessonId == TestLessons.A && p.ClassroomId >= 10_000);
            if (present >= rooms) return;
            await Task.Delay(200);
        }

        Assert.Fail($"only {present} of {rooms} rooms were stored as present {bound.TotalSeconds:F0} s after they connected");
    }

    private HubConnection Connect(HubProcess hub, string token) =>
        ForeverRetry.KeepOpen(new HubConnectionBuilder()
            .WithUrl(hub.BaseUrl + Contracts.Routes.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect(new ForeverRetry())
            .WithServerTimeout(TimeSpan.FromSeconds(10))
            .Build(), _stop.Token);

    /// <summary>The room's nine records, spread over ~6 s so the kill lands in the middle of the traffic.</summary>
    private static async Task ProduceAsync(long room, RecordOutbox outbox, Guid[] quizzes, Dictionary<string, HashSet<Guid>> expected)
    {
        var records = new List<(string Method, object Record, Guid Id)>();
        var id = Guid.NewGuid();
        records.Add(("CheckIn", new CheckInInput(id, TestLessons.A, room, 28, MediaTime.Now), id));
        for (var k = 0; k < 5; k++)
        {
            id = Guid.NewGuid();
            records.Add(("AskQuestion", new QuestionInput(id, TestLessons.A, room, $"问题 {room}-{k}", MediaTime.Now + k), id));
        }

        foreach (var quiz in quizzes)
        {
            id = Guid.NewGuid();
            records.Add(("AnswerQuiz", new QuizAnswerInput(id, TestLessons.A, room, quiz, [10, 12, 6], null, MediaTime.Now), id));
        }

        lock (expected)
            foreach (var r in records) expected[r.Method].Add(r.Id);
        foreach (var r in records)
        {
            outbox.Add(r.Method, r.Record, r.Id);
            await Task.Delay(300 + Random.Shared.Next(600));
        }
    }

    private static async Task<bool> DrainUntilDoneAsync(RecordOutbox outbox, Task[] producing, DateTimeOffset deadline, TimeProvider time)
    {
        while (time.GetUtcNow() < deadline)
        {
            if (!await outbox.DrainAsync(deadline, time)) return false;
            if (outbox.Pending == 0 && producing.All(p => p.IsCompleted)) return true;
            await Task.Delay(100);
        }

        return false;
    }
}
