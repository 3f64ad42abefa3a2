using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.Hub.Tests.Store;

public sealed class RetentionJobTests
{
    [Fact]
    public async Task Absentee_names_past_retention_are_erased_and_the_marks_stay()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var hub = await InProcessHub.StartAsync(time);
        await using (var room = await hub.ConnectAsync(hub.Tokens.Room(101, 2)))
            await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "张小明", true, MediaTime.Now));
        var job = hub.Service<RetentionJob>();

        Assert.Equal(0, (await job.RunOnceAsync(default)).NamesErased);
        time.Advance(TimeSpan.FromDays(181));
        await job.RunOnceAsync(default); // the daily timer may have run during the advance too

        await using var db = hub.Db();
        var mark = await db.Absentees.SingleAsync();
        Assert.Equal((RetentionJob.ErasedName, true), (mark.StudentName, mark.Absent));
    }

    [Fact]
    public async Task Lesson_records_past_the_record_retention_are_deleted_and_younger_ones_stay()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        // Ten days instead of the default 400: the fake clock fires every periodic timer of the host on its way.
        await using var hub = await InProcessHub.StartAsync(time, extra: new() { ["Hub:RecordRetention"] = "10.00:00:00" });
        await using (var teacher = await hub.ConnectAsync(hub.Tokens.Teacher()))
        await using (var room = await hub.ConnectAsync(hub.Tokens.Room(101, 2)))
        {
            await room.Call<RecordAck>("CheckIn", new CheckInInput(Guid.NewGuid(), TestLessons.A, 101, 36, MediaTime.Now));
            await room.Call<RecordAck>("AskQuestion", new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, "为什么天空是蓝色的？", MediaTime.Now));
            await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "张小明", true, MediaTime.Now));
            var quiz = new QuizInput(Guid.NewGuid(), TestLessons.A, "2+3=?", ["4", "5", "6"], MediaTime.Now);
            await teacher.Call<RecordAck>("OpenQuiz", quiz);
            await room.Call<RecordAck>("AnswerQuiz", new QuizAnswerInput(Guid.NewGuid(), TestLessons.A, 101, quiz.Id, [1, 30, 5], null, MediaTime.Now));
        }

        await PresenceClosedAsync(hub); // the server may see the disconnects a little after the clients closed
        var job = hub.Service<RetentionJob>();
        time.Advance(TimeSpan.FromDays(9));
        await job.RunOnceAsync(default); // the daily timer may have run during the advance too
        Assert.Equal(5, await CountAsync(hub));

        time.Advance(TimeSpan.FromDays(2));
        await job.RunOnceAsync(default);
        Assert.Equal(0, await CountAsync(hub));
        await using var db = hub.Db();
        Assert.Equal(0, await db.Presence.CountAsync() + await db.LessonRooms.CountAsync());
    }

    private static async Task PresenceClosedAsync(InProcessHub hub)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(50))
        {
            await using (var db = hub.Db())
                if (await db.Presence.CountAsync() > 0 && !await db.Presence.AnyAsync(p => p.DisconnectedAtMs == null && p.EndedAtMs == null)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        Assert.Fail("Presence intervals were still open after 10 s.");
    }

    private static async Task<int> CountAsync(InProcessHub hub)
    {
        await using var db = hub.Db();
        return await db.CheckIns.CountAsync() + await db.Questions.CountAsync() + await db.Absentees.CountAsync() +
               await db.Quizzes.CountAsync() + await db.QuizAnswers.CountAsync();
    }
}
