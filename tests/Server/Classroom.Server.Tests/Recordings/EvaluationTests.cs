using System.Net;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Recordings;

/// <summary>Lesson evaluation (评课, docs/evaluation.md) through the real server: who scores and comments, who reads, bad input, deletion.</summary>
public sealed class EvaluationTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_researcher_scores_and_comments_a_recorded_lesson_and_its_teacher_reads_them_beside_the_replay()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-eval-1", _host.Clock.GetUtcNow().AddHours(-1));
        var researcher = _host.WithToken(_host.AccessToken("eval-researcher", new Grant(AccountRole.Researcher, world.Lesson.AllianceId)));
        var colleague = _host.WithToken(_host.AccessToken("eval-colleague", new Grant(AccountRole.Researcher)));

        // The researcher finds the lesson among the recordings they may watch.
        var mine = (await (await researcher.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(mine, r => (string?)r!["id"] == "rec-eval-1");

        var empty = await (await researcher.GetAsync("/api/recordings/rec-eval-1/evaluations")).ReadAsync(HttpStatusCode.OK);
        Assert.True((bool)empty["canEvaluate"]!);
        Assert.Equal(5, empty["rubric"]!.AsArray().Count);
        Assert.Equal("双向互动（含成员校课堂）", (string?)empty["rubric"]![2]!["label"]);
        Assert.All(empty["averages"]!.AsArray(), a => Assert.Null(a));

        var commentId = Guid.NewGuid();
        var comment = await (await researcher.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { id = commentId, mediaTimeMs = 2_000, text = "提问后等待时间充足，成员校学生也有发言机会。" })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(commentId, (Guid)comment["id"]!);
        await (await researcher.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { id = commentId, mediaTimeMs = 2_000, text = "提问后等待时间充足，成员校学生也有发言机会。" })).ReadAsync(HttpStatusCode.OK);
        await (await colleague.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { mediaTimeMs = 500, text = "导入简洁。" })).ReadAsync(HttpStatusCode.Created);
        await (await researcher.PutJsonAsync("/api/recordings/rec-eval-1/evaluation", new { scores = new int?[] { 4, 5, 4, null, 4 }, summary = "整体良好。" })).ReadAsync(HttpStatusCode.OK);
        var again = await (await researcher.PutJsonAsync("/api/recordings/rec-eval-1/evaluation", new { scores = new int?[] { 4, 5, 3, 4, 4 }, summary = "整体良好，互动可加强。" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal([4, 5, 3, 4, 4], again["scores"]!.AsArray().Select(s => (int)s!).ToArray());
        await (await colleague.PutJsonAsync("/api/recordings/rec-eval-1/evaluation", new { scores = new int?[] { 5, 4, 5, 4, null } })).ReadAsync(HttpStatusCode.OK);

        // The teacher reads every sheet (one per evaluator), the means and the comments in media order; they cannot evaluate themselves.
        var teacher = _host.WithToken(world.Teacher);
        var read = await (await teacher.GetAsync("/api/recordings/rec-eval-1/evaluations?lang=en")).ReadAsync(HttpStatusCode.OK);
        Assert.False((bool)read["canEvaluate"]!);
        Assert.Equal("Learning outcomes", (string?)read["rubric"]![4]!["label"]);
        Assert.Equal(2, read["sheets"]!.AsArray().Count);
        Assert.Equal([4.5, 4.5, 4.0, 4.0, 4.0], read["averages"]!.AsArray().Select(a => (double)a!).ToArray());
        Assert.Equal([500L, 2_000L], read["comments"]!.AsArray().Select(c => (long)c!["mediaTimeMs"]!).ToArray());
        Assert.All(read["comments"]!.AsArray(), c => Assert.False((bool)c!["mine"]!));
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.PutJsonAsync("/api/recordings/rec-eval-1/evaluation", new { scores = new int?[] { 5, 5, 5, 5, 5 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { mediaTimeMs = 1, text = "很好" })).StatusCode);

        // A student watches the lesson but neither reads nor writes evaluations; a researcher of another alliance does nothing here.
        var student = _host.WithToken(world.Student);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync("/api/recordings/rec-eval-1/evaluations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { mediaTimeMs = 1, text = "x" })).StatusCode);
        var outsider = _host.WithToken(_host.AccessToken("eval-outsider", new Grant(AccountRole.Researcher, world.Lesson.AllianceId + 1000)));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/api/recordings/rec-eval-1/evaluations")).StatusCode);
        Assert.DoesNotContain((await (await outsider.GetAsync("/api/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray(), r => (string?)r!["id"] == "rec-eval-1");

        // Bad input is refused with the field named, in the caller's language, and what was stored stays.
        var wrongCount = await (await researcher.PutJsonAsync("/api/recordings/rec-eval-1/evaluation?lang=en", new { scores = new int?[] { 4, 5 } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("invalid", "scores"), ((string)wrongCount["code"]!, (string)wrongCount["field"]!));
        Assert.StartsWith("scores must list 5", (string?)wrongCount["detail"]);
        var outOfRange = await (await researcher.PutJsonAsync("/api/recordings/rec-eval-1/evaluation", new { scores = new int?[] { 4, 5, 6, 4, 4 } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("每项评分须在 1 到 5 之间。", (string?)outOfRange["detail"]);
        var late = await (await researcher.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { mediaTimeMs = 10_000_000, text = "?" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("mediaTimeMs", (string?)late["field"]);
        var tooLong = await (await researcher.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { mediaTimeMs = 1, text = new string('评', 1001) })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("too_large", (string?)tooLong["code"]);
        var taken = await (await colleague.PostJsonAsync("/api/recordings/rec-eval-1/evaluation/comments", new { id = commentId, mediaTimeMs = 1, text = "抢占编号" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("conflict", (string?)taken["code"]);
        var mineNow = await (await researcher.GetAsync("/api/recordings/rec-eval-1/evaluations")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal([4, 5, 3, 4, 4], mineNow["sheets"]!.AsArray().Single(s => (bool)s!["mine"]!)!["scores"]!.AsArray().Select(s => (int)s!).ToArray());

        // Only the author deletes a comment.
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.DeleteAsync($"/api/recordings/rec-eval-1/evaluation/comments/{commentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await researcher.DeleteAsync($"/api/recordings/rec-eval-1/evaluation/comments/{commentId}")).StatusCode);
        Assert.Single((await (await teacher.GetAsync("/api/recordings/rec-eval-1/evaluations")).ReadAsync(HttpStatusCode.OK))["comments"]!.AsArray());

        // Every write is in the audit log under its author.
        var audit = (await (await _host.Admin().GetAsync("/api/audit?action=evaluation.score")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(3, audit.Count(r => (string?)r!["target"] == "rec-eval-1"));
        Assert.Contains(audit, r => (string?)r!["name"] == "eval-colleague");

        // Deleting the recording deletes its evaluations.
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin().DeleteAsync("/api/recordings/rec-eval-1")).StatusCode);
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.EvaluationComments.CountAsync(c => c.RecordingId == "rec-eval-1"));
        Assert.Equal(0, await db.EvaluationSheets.CountAsync(c => c.RecordingId == "rec-eval-1"));
    }

    [Fact]
    public async Task A_live_lesson_is_evaluated_while_it_is_recorded_and_an_alliance_admin_may_evaluate_too()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-eval-live", _host.Clock.GetUtcNow().AddMinutes(-5), finish: false);
        var admin = _host.WithToken(_host.AccessToken("eval-alliance-admin", new Grant(AccountRole.AllianceAdmin, world.Lesson.AllianceId)));
        // While recording, any moment of the lesson so far (and beyond the stored duration) may be commented.
        await (await admin.PostJsonAsync("/api/recordings/rec-eval-live/evaluation/comments", new { mediaTimeMs = 240_000, text = "板书清晰。" })).ReadAsync(HttpStatusCode.Created);
        var read = await (await _host.WithToken(world.Teacher).GetAsync("/api/recordings/rec-eval-live/evaluations")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("板书清晰。", (string?)Assert.Single(read["comments"]!.AsArray())!["text"]);
    }
}
