using System.Net;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Recordings;

/// <summary>Chapters, watch time with make-up minutes in attendance, and questions on a replay (docs/replay.md), through the real server.</summary>
public sealed class ReplayInteractionTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task The_lessons_questions_are_the_chapters_of_its_replay()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-chapters-1", _host.Clock.GetUtcNow().AddHours(-1));
        var asked = new[] { (Text: "第二个问题", At: 2_500L, Status: QuestionStatuses.Answered), (Text: "第一个问题", At: 1_000L, Status: QuestionStatuses.Open) };
        await using (var db = await HubStoreAsync())
        {
            foreach (var q in asked)
            {
                db.Questions.Add(new QuestionRecord
                {
                    Id = Guid.NewGuid(), LessonId = world.Lesson.LessonId, ClassroomId = world.PairedRoom.ClassroomId, SchoolId = world.PairedRoom.SchoolId,
                    Text = q.Text, MediaTimeMs = q.At, ReceivedAtMs = 1, Status = q.Status, Author = "room",
                });
            }

            db.Questions.Add(new QuestionRecord { Id = Guid.NewGuid(), LessonId = "L-another-lesson", Text = "别的课", MediaTimeMs = 10, Author = "room" });
            await db.SaveChangesAsync();
        }

        var detail = await (await _host.WithToken(world.Student).GetAsync("/api/recordings/rec-chapters-1")).ReadAsync(HttpStatusCode.OK);
        var chapters = detail["chapters"]!.AsArray();
        Assert.Equal(["第一个问题", "第二个问题"], chapters.Select(c => (string)c!["text"]!).ToArray());
        Assert.Equal([1_000L, 2_500L], chapters.Select(c => (long)c!["mediaTimeMs"]!).ToArray());
        Assert.Equal(["open", "answered"], chapters.Select(c => (string)c!["status"]!).ToArray());
        Assert.Equal(4_000L, (long)detail["durationMs"]!);
        Assert.Equal("finished", (string?)detail["state"]);
        Assert.Contains(detail["rooms"]!.AsArray(), r => (long)r!["classroomId"]! == world.PairedRoom.ClassroomId);
        Assert.Equal("camera", (string?)detail["renditions"]![0]!["name"]);
    }

    [Fact]
    public async Task A_students_watch_time_is_their_resume_point_and_counts_as_make_up_viewing_when_they_were_marked_absent()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-progress-1", _host.Clock.GetUtcNow().AddHours(-1));
        var studentName = _host.Scoped(sp => sp.GetRequiredService<Classroom.Identity.Store.AccountDbContext>().Users.Single(u => u.UserName == "rec-student").DisplayName);
        await using (var db = await HubStoreAsync())
        {
            db.LessonRooms.Add(new LessonRoomSnapshot
            {
                LessonId = world.Lesson.LessonId, ClassroomId = world.PairedRoom.ClassroomId, ClassroomName = world.PairedRoom.ClassroomName,
                SchoolId = world.PairedRoom.SchoolId, SchoolName = world.PairedRoom.SchoolName, AllianceId = world.Lesson.AllianceId,
                Subject = world.Lesson.Subject, StartsAtMs = world.Lesson.StartsAt.ToUnixTimeMilliseconds(), EndsAtMs = world.Lesson.EndsAt.ToUnixTimeMilliseconds(),
            });
            db.Absentees.Add(new AbsenteeRecord { Id = Guid.NewGuid(), LessonId = world.Lesson.LessonId, ClassroomId = world.PairedRoom.ClassroomId, SchoolId = world.PairedRoom.SchoolId, StudentName = studentName, Absent = true, Author = "room" });
            db.Absentees.Add(new AbsenteeRecord { Id = Guid.NewGuid(), LessonId = world.Lesson.LessonId, ClassroomId = world.PairedRoom.ClassroomId, SchoolId = world.PairedRoom.SchoolId, StudentName = "王小明", Absent = true, Author = "room" });
            await db.SaveChangesAsync();
        }

        var student = _host.WithToken(world.Student);
        await (await student.PutJsonAsync("/api/recordings/rec-progress-1/progress", new { positionMs = 1_500, watchedMs = 90_000 })).ReadAsync(HttpStatusCode.OK);
        var last = await (await student.PutJsonAsync("/api/recordings/rec-progress-1/progress", new { positionMs = 3_000, watchedMs = 60_000 })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(150_000L, (long)last["watchedMs"]!);

        // Bad input is refused with the field named, and what was stored stays.
        var bad = await (await student.PutJsonAsync("/api/recordings/rec-progress-1/progress", new { positionMs = 3_000, watchedMs = 3_600_000 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("invalid", "watchedMs"), ((string)bad["code"]!, (string)bad["field"]!));
        Assert.Equal(HttpStatusCode.BadRequest, (await student.PutJsonAsync("/api/recordings/rec-progress-1/progress", new { positionMs = 999_000 })).StatusCode);

        var progress = (await (await student.GetAsync("/api/recordings/rec-progress-1")).ReadAsync(HttpStatusCode.OK))["progress"]!;
        Assert.Equal((3_000L, 150_000L), ((long)progress["positionMs"]!, (long)progress["watchedMs"]!));

        var report = (await (await _host.Admin().GetAsync($"/api/hub/reports/lessons/{world.Lesson.LessonId}")).ReadAsync(HttpStatusCode.OK)).AsArray();
        var row = report.Single(r => (long)r!["classroomId"]! == world.PairedRoom.ClassroomId)!;
        var makeUp = row["makeUp"]!.AsArray();
        Assert.Single(makeUp);
        Assert.Equal((studentName, 2.5), ((string)makeUp[0]!["studentName"]!, (double)makeUp[0]!["minutes"]!));
        var csv = await (await _host.Admin().GetAsync($"/api/hub/reports/lessons/{world.Lesson.LessonId}?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains($"{studentName} 2.5", csv, StringComparison.Ordinal);

        // The name is stored encrypted, like absentee names.
        Assert.False(Privacy.StoredFiles.Contain(_host.DataFolder, "hub.db", studentName));
    }

    [Fact]
    public async Task A_question_asked_on_the_replay_reaches_the_teacher_and_the_answer_reaches_the_class()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-ask-1", _host.Clock.GetUtcNow().AddHours(-1));
        var student = _host.WithToken(world.Student);
        var id = Guid.NewGuid();
        var asked = await (await student.PostJsonAsync("/api/recordings/rec-ask-1/questions", new { id, text = "第三步为什么要移项？", mediaTimeMs = 2_000 })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(id, (Guid)asked["id"]!);
        // A resend is the same question, not a second one.
        await (await student.PostJsonAsync("/api/recordings/rec-ask-1/questions", new { id, text = "第三步为什么要移项？", mediaTimeMs = 2_000 })).ReadAsync(HttpStatusCode.OK);
        var tooLong = await (await student.PostJsonAsync("/api/recordings/rec-ask-1/questions", new { text = new string('问', 1001), mediaTimeMs = 2_000 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("too_large", (string?)tooLong["code"]);

        var teacher = _host.WithToken(world.Teacher);
        var waiting = (await (await teacher.GetAsync("/api/replay-questions")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Single(waiting, q => (Guid)q!["id"]! == id && (long)q["mediaTimeMs"]! == 2_000 && (long)q["classroomId"]! == world.PairedRoom.ClassroomId);
        Assert.Single((await (await teacher.GetAsync("/api/recordings/rec-ask-1/questions")).ReadAsync(HttpStatusCode.OK)).AsArray());
        // Only the lesson's teacher answers; a student cannot read the teacher's list.
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync("/api/recordings/rec-ask-1/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.PostJsonAsync($"/api/recordings/rec-ask-1/questions/{id}/answer", new { text = "自己答" })).StatusCode);

        await (await teacher.PostJsonAsync($"/api/recordings/rec-ask-1/questions/{id}/answer", new { text = "移项是为了把未知数放在一边。" })).ReadAsync(HttpStatusCode.OK);
        Assert.Empty((await (await teacher.GetAsync("/api/replay-questions")).ReadAsync(HttpStatusCode.OK)).AsArray());

        var detail = await (await student.GetAsync("/api/recordings/rec-ask-1")).ReadAsync(HttpStatusCode.OK);
        var mine = Assert.Single(detail["replayQuestions"]!.AsArray())!;
        Assert.Equal("移项是为了把未知数放在一边。", (string?)mine["answer"]);

        // A student of another class paired with nothing here asks nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.WithToken(world.OtherStudent).PostJsonAsync("/api/recordings/rec-ask-1/questions", new { text = "?", mediaTimeMs = 1 })).StatusCode);

        // Pupils' questions are read by the teacher and the class, and every read is in the audit log under its reader.
        var reads = await AuditAsync("replay.questions.read");
        Assert.Contains(reads, r => (string?)r["target"] == "rec-ask-1" && (string?)r["name"] == "rec-teacher");
        Assert.Equal(2, reads.Count(r => ((string?)r["target"])!.StartsWith("teachers:", StringComparison.Ordinal)));
        Assert.Contains(await AuditAsync("recording.read"), r => (string?)r["target"] == "rec-ask-1" && (string?)r["name"] == "rec-student");
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode>> AuditAsync(string action) =>
        [.. (await (await _host.Admin().GetAsync("/api/audit?action=" + Uri.EscapeDataString(action))).ReadAsync(HttpStatusCode.OK)).AsArray().Select(r => r!)];

    private async Task<HubDbContext> HubStoreAsync() => await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
}
