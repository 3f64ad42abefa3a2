using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Hubs;

/// <summary>
/// Every role × every writing hub method × own/other room, school and lesson. A call that the
/// rules forbid must fail with "forbidden" and leave the store exactly as it was; the allowed
/// ones must succeed (so the matrix cannot pass by refusing everything).
/// </summary>
public sealed class NegativeMatrixTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync(extra: new() { ["Hub:RateLimitBurst"] = "10000", ["Hub:RateLimitPerSecond"] = "10000" });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private sealed record Target(string Lesson, long Room, Guid Question, Guid Quiz, Guid QuizToClose, Guid Hand);

    [Fact]
    public async Task Forbidden_calls_are_rejected_and_write_nothing()
    {
        var t = _hub.Tokens;
        var callers = new Dictionary<string, TestClient>
        {
            ["teacher A"] = await _hub.ConnectAsync(t.Teacher()),
            ["teacher B"] = await _hub.ConnectAsync(t.Teacher(TestLessons.B, 20)),
            ["room 101 (school 2)"] = await _hub.ConnectAsync(t.Room(101, 2)),
            ["room 102 (school 2)"] = await _hub.ConnectAsync(t.Room(102, 2)),
            ["room 201 (school 3)"] = await _hub.ConnectAsync(t.Room(201, 3)),
            ["room 301 (lesson B)"] = await _hub.ConnectAsync(t.Room(301, 4, TestLessons.B)),
            ["student (school 2)"] = await _hub.ConnectAsync(t.Student(2, 101)),
            ["admin observer"] = await _hub.ConnectAsync(t.Admin(), "?lesson=" + TestLessons.A),
        };
        try
        {
            var targets = new[]
            {
                await SeedAsync(callers["teacher A"], callers["room 101 (school 2)"], TestLessons.A, 101),
                await SeedAsync(callers["teacher A"], callers["room 201 (school 3)"], TestLessons.A, 201),
                await SeedAsync(callers["teacher B"], callers["room 301 (lesson B)"], TestLessons.B, 301),
            };
            var failures = new List<string>();
            var checkedCount = 0;
            foreach (var (name, client) in callers)
            {
                foreach (var target in targets)
                {
                    foreach (var (method, arg, allowed) in Calls(name, target))
                    {
                        checkedCount++;
                        var before = await FingerprintAsync();
                        var code = await client.ErrorOf(method, arg);
                        var after = await FingerprintAsync();
                        if (allowed && code != "ok") failures.Add($"{name} {method} on {target.Lesson}/{target.Room}: expected ok, got {code}");
                        if (!allowed && code != "forbidden") failures.Add($"{name} {method} on {target.Lesson}/{target.Room}: expected forbidden, got {code}");
                        if (!allowed && before != after) failures.Add($"{name} {method} on {target.Lesson}/{target.Room}: store changed");
                    }
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Equal(callers.Count * targets.Length * 12, checkedCount);
        }
        finally
        {
            foreach (var c in callers.Values) await c.DisposeAsync();
        }
    }

    /// <summary>The 12 writing methods aimed at one target, and whether this caller may make them.</summary>
    private static IEnumerable<(string Method, object Arg, bool Allowed)> Calls(string caller, Target x)
    {
        var ownRoom = caller.StartsWith("room " + x.Room + " ", StringComparison.Ordinal);
        var ownTeacher = caller == (x.Lesson == TestLessons.A ? "teacher A" : "teacher B");
        var m = MediaTime.Now;
        yield return ("CheckIn", new CheckInInput(Guid.NewGuid(), x.Lesson, x.Room, 20, m), ownRoom);
        yield return ("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), x.Lesson, x.Room, "某某", true, m), ownRoom);
        yield return ("AskQuestion", new QuestionInput(Guid.NewGuid(), x.Lesson, x.Room, "?", m), ownRoom);
        yield return ("UpvoteQuestion", new UpvoteInput(Guid.NewGuid(), x.Lesson, x.Room, x.Question), ownRoom);
        yield return ("RaiseHand", new HandInput(Guid.NewGuid(), x.Lesson, x.Room, m), ownRoom);
        yield return ("LowerHand", new LowerHandInput(x.Lesson, x.Room, x.Hand), ownRoom);
        yield return ("AnswerQuiz", new QuizAnswerInput(Guid.NewGuid(), x.Lesson, x.Room, x.Quiz, [1, 2], null, m), ownRoom);
        yield return ("SetQuestionStatus", new QuestionStatusInput(x.Lesson, x.Question, "answered"), ownTeacher);
        yield return ("OpenQuiz", new QuizInput(Guid.NewGuid(), x.Lesson, "?", ["a", "b"], m), ownTeacher);
        yield return ("CloseQuiz", new QuizCloseInput(x.Lesson, x.QuizToClose), ownTeacher);
        yield return ("BringOnStage", new StageInput(x.Lesson, x.Room), ownTeacher);
        yield return ("TakeOffStage", new StageInput(x.Lesson, x.Room), ownTeacher);
    }

    private static async Task<Target> SeedAsync(TestClient teacher, TestClient room, string lesson, long roomId)
    {
        var question = Guid.NewGuid();
        var quiz = Guid.NewGuid();
        var hand = Guid.NewGuid();
        var quizToClose = Guid.NewGuid();
        await teacher.Call<RecordAck>("OpenQuiz", new QuizInput(quizToClose, lesson, "seed 2", ["a", "b"], MediaTime.Now));
        await room.Call<RecordAck>("AskQuestion", new QuestionInput(question, lesson, roomId, "seed", MediaTime.Now));
        await teacher.Call<RecordAck>("OpenQuiz", new QuizInput(quiz, lesson, "seed", ["a", "b"], MediaTime.Now));
        await room.Call<RecordAck>("RaiseHand", new HandInput(hand, lesson, roomId, MediaTime.Now));
        return new Target(lesson, roomId, question, quiz, quizToClose, hand);
    }

    /// <summary>Everything a write could touch, as one comparable string.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = _hub.Db();
        var counts = string.Join(",",
            await db.CheckIns.CountAsync(), await db.Absentees.CountAsync(), await db.Questions.CountAsync(),
            await db.QuestionVotes.CountAsync(), await db.Hands.CountAsync(), await db.StageCalls.CountAsync(),
            await db.Quizzes.CountAsync(), await db.QuizAnswers.CountAsync());
        var states = string.Join(",", await db.Questions.OrderBy(q => q.Id).Select(q => q.Status).ToListAsync())
                     + "|" + string.Join(",", await db.Hands.OrderBy(h => h.Id).Select(h => h.State).ToListAsync())
                     + "|" + string.Join(",", await db.Quizzes.OrderBy(q => q.Id).Select(q => q.ClosedAtMs).ToListAsync())
                     + "|" + string.Join(",", await db.StageCalls.OrderBy(c => c.Id).Select(c => c.EndedAtMs).ToListAsync());
        return counts + "|" + states;
    }
}
