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

        Assert.Equal(0, await job.RunOnceAsync(default));
        time.Advance(TimeSpan.FromDays(181));
        await job.RunOnceAsync(default); // the daily timer may have run during the advance too

        await using var db = hub.Db();
        var mark = await db.Absentees.SingleAsync();
        Assert.Equal((RetentionJob.ErasedName, true), (mark.StudentName, mark.Absent));
    }
}
