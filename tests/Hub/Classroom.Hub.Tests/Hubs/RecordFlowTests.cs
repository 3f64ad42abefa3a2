using Classroom.Hub.Protocol;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Hubs;

/// <summary>Records go in through the real host and the real SignalR client: stored once, acknowledged, broadcast to the right people.</summary>
public sealed class RecordFlowTests : IAsyncLifetime
{
    private InProcessHub _hub = null!;

    public async Task InitializeAsync() => _hub = await InProcessHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Check_in_is_stored_once_acknowledged_and_reaches_the_teacher_only()
    {
        await using var teacher = await _hub.ConnectAsync(_hub.Tokens.Teacher());
        await using var room = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var other = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var input = new CheckInInput(Guid.NewGuid(), TestLessons.A, 101, 36, MediaTime.Now);

        var ack = await room.Call<RecordAck>("CheckIn", input);
        var again = await room.Call<RecordAck>("CheckIn", input);

        Assert.Equal(input.Id, ack.Id);
        Assert.False(ack.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(ack.StoredAtMs, again.StoredAtMs);
        var seen = await teacher.WaitForAsync<CheckInView>("CheckedIn", c => c.Id == input.Id);
        Assert.Equal(40, seen.Expected);
        await using (var db = _hub.Db()) Assert.Equal(1, await db.CheckIns.CountAsync(c => c.Id == input.Id));
        await teacher.Connection.InvokeAsync<long>("Heartbeat");
        Assert.DoesNotContain(other.Events, e => e.Method == "CheckedIn");

        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        var row = Assert.Single(state.Rooms, r => r.ClassroomId == 101);
        Assert.Equal(36, row.Present);
        Assert.True(row.Connected);
        Assert.False(Assert.Single(state.Rooms, r => r.ClassroomId == 102).Connected);
    }

    [Fact]
    public async Task Question_is_asked_upvoted_by_another_room_and_answered()
    {
        await using var teacher = await _hub.ConnectAsync(_hub.Tokens.Teacher());
        await using var asker = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var voter = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var q = new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, "为什么天空是蓝色的？", MediaTime.Now);

        await asker.Call<RecordAck>("AskQuestion", q);
        await teacher.WaitForAsync<QuestionView>("QuestionAsked", v => v.Id == q.Id);
        var voterState = await voter.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Contains(voterState.Questions, v => v.Id == q.Id);
        await voter.Call<RecordAck>("UpvoteQuestion", new UpvoteInput(Guid.NewGuid(), TestLessons.A, 201, q.Id));
        var second = await voter.Call<RecordAck>("UpvoteQuestion", new UpvoteInput(Guid.NewGuid(), TestLessons.A, 201, q.Id));
        Assert.True(second.Duplicate);
        await teacher.WaitForAsync<QuestionView>("QuestionUpdated", v => v.Id == q.Id && v.Upvotes == 1);

        await teacher.Connection.InvokeAsync("SetQuestionStatus", new QuestionStatusInput(TestLessons.A, q.Id, "answered"));
        await asker.WaitForAsync<QuestionView>("QuestionUpdated", v => v.Id == q.Id && v.Status == "answered");
        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        var stored = Assert.Single(state.Questions, v => v.Id == q.Id);
        Assert.Equal(("answered", 1, MediaTime.Now), (stored.Status, stored.Upvotes, stored.MediaTimeMs));
    }

    [Fact]
    public async Task Quiz_results_total_room_counts_and_clicker_answers()
    {
        await using var teacher = await _hub.ConnectAsync(_hub.Tokens.Teacher());
        await using var a = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var b = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var quiz = new QuizInput(Guid.NewGuid(), TestLessons.A, "2+3=?", ["4", "5", "6"], MediaTime.Now);
        await teacher.Call<RecordAck>("OpenQuiz", quiz);
        await a.WaitForAsync<QuizView>("QuizOpened", v => v.Id == quiz.Id);

        await a.Call<RecordAck>("AnswerQuiz", new QuizAnswerInput(Guid.NewGuid(), TestLessons.A, 101, quiz.Id, [3, 30, 2], null, MediaTime.Now));
        await b.Call<RecordAck>("AnswerQuiz", new QuizAnswerInput(Guid.NewGuid(), TestLessons.A, 201, quiz.Id, null,
            [new StudentAnswer("c1", 1), new StudentAnswer("c2", 1), new StudentAnswer("c3", 0)], MediaTime.Now));
        Assert.Equal("invalid", await b.ErrorOf("AnswerQuiz", new QuizAnswerInput(Guid.NewGuid(), TestLessons.A, 201, quiz.Id, [1, 2], null, MediaTime.Now)));
        await teacher.WaitForAsync<QuizAnswerView>("QuizAnswered", v => v.ClassroomId == 201);

        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        var results = Assert.Single(state.QuizResults, r => r.QuizId == quiz.Id);
        Assert.Equal([4, 32, 2], results.Totals);
        Assert.Equal(2, results.Rooms.Count);
        var roomState = await a.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Single(Assert.Single(roomState.QuizResults).Rooms);

        await teacher.Connection.InvokeAsync("CloseQuiz", new QuizCloseInput(TestLessons.A, quiz.Id));
        Assert.Equal("conflict", await a.ErrorOf("AnswerQuiz", new QuizAnswerInput(Guid.NewGuid(), TestLessons.A, 101, quiz.Id, [1, 1, 1], null, MediaTime.Now)));
    }

    [Fact]
    public async Task Absentee_names_go_to_staff_and_the_latest_mark_counts()
    {
        await using var teacher = await _hub.ConnectAsync(_hub.Tokens.Teacher());
        await using var room = await _hub.ConnectAsync(_hub.Tokens.Room(102, 2));
        await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 102, "张小明", true, MediaTime.Now));
        await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 102, "李华", true, MediaTime.Now));
        await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 102, "李华", false, MediaTime.Now + 1000));
        await teacher.WaitForAsync<AbsenteeView>("AbsenteeMarked", v => v.StudentName == "李华" && !v.Absent);

        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Equal(["张小明"], Assert.Single(state.Rooms, r => r.ClassroomId == 102).Absentees);

        // Another school's room sees only its own attendance row; a student sees no rooms at all.
        await using var other = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var otherState = await other.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.Equal(201, Assert.Single(otherState.Rooms).ClassroomId);
        await using var student = await _hub.ConnectAsync(_hub.Tokens.Student(2, 102));
        Assert.Empty((await student.Connection.InvokeAsync<LessonStateView>("GetLessonState")).Rooms);
        Assert.DoesNotContain(other.Events, e => e.Method == "AbsenteeMarked");
    }

    [Fact]
    public async Task Bad_fields_get_typed_errors_and_store_nothing()
    {
        await using var room = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        Assert.Equal("too_large", await room.ErrorOf("AskQuestion", new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, new string('问', 1001), MediaTime.Now)));
        Assert.Equal("invalid", await room.ErrorOf("AskQuestion", new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, "  ", MediaTime.Now)));
        Assert.Equal("invalid", await room.ErrorOf("AskQuestion", new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, "future", 3_600_000)));
        Assert.Equal("invalid", await room.ErrorOf("AskQuestion", new QuestionInput(Guid.NewGuid(), TestLessons.A, 101, "negative", -5)));
        Assert.Equal("invalid", await room.ErrorOf("AskQuestion", new QuestionInput(Guid.Empty, TestLessons.A, 101, "no id", MediaTime.Now)));
        Assert.Equal("invalid", await room.ErrorOf("CheckIn", new CheckInInput(Guid.NewGuid(), TestLessons.A, 101, -1, MediaTime.Now)));
        await using var db = _hub.Db();
        Assert.Equal(0, await db.Questions.CountAsync());
        Assert.Equal(0, await db.CheckIns.CountAsync());
    }

    [Fact]
    public async Task Same_id_from_another_room_is_a_conflict_not_an_overwrite()
    {
        await using var a = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await using var b = await _hub.ConnectAsync(_hub.Tokens.Room(201, 3));
        var id = Guid.NewGuid();
        await a.Call<RecordAck>("AskQuestion", new QuestionInput(id, TestLessons.A, 101, "mine", MediaTime.Now));
        Assert.Equal("conflict", await b.ErrorOf("AskQuestion", new QuestionInput(id, TestLessons.A, 201, "theirs", MediaTime.Now)));
        await using var db = _hub.Db();
        Assert.Equal("mine", (await db.Questions.SingleAsync(q => q.Id == id)).Text);
    }

    [Fact]
    public async Task Connections_drive_presence_and_the_teacher_sees_it()
    {
        await using var teacher = await _hub.ConnectAsync(_hub.Tokens.Teacher());
        var room = await _hub.ConnectAsync(_hub.Tokens.Room(101, 2));
        await teacher.WaitForAsync<PresenceView>("PresenceChanged", p => p.ClassroomId == 101 && p.Connected);
        await room.DisposeAsync();
        await teacher.WaitForAsync<PresenceView>("PresenceChanged", p => p.ClassroomId == 101 && !p.Connected);
        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");
        Assert.False(Assert.Single(state.Rooms, r => r.ClassroomId == 101).Connected);
    }
}
