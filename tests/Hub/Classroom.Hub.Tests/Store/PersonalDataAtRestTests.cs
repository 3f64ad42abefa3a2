using Classroom.Contracts.Access;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Store;

/// <summary>Absentee names are encrypted in hub.db with the data folder's key and read back in clear by the hub.</summary>
public sealed class PersonalDataAtRestTests
{
    [Fact]
    public async Task An_absentee_name_never_reaches_hub_db_in_clear_while_the_lesson_state_shows_it()
    {
        await using var hub = await InProcessHub.StartAsync();
        await using var teacher = await hub.ConnectAsync(hub.Tokens.Teacher());
        await using (var room = await hub.ConnectAsync(hub.Tokens.Room(101, 2)))
        {
            await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "欧阳明月", true, MediaTime.Now));
            await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "欧阳明月", true, MediaTime.Now + 500));
        }

        var state = await teacher.Connection.InvokeAsync<LessonStateView>("GetLessonState");

        // Two marks of one name still count as one absentee (grouped after decryption, not in SQL).
        Assert.Equal(["欧阳明月"], Assert.Single(state.Rooms, r => r.ClassroomId == 101).Absentees);
        Assert.False(StoredNames.FilesContain(hub.Folder, "欧阳明月"));
        var raw = StoredNames.Raw(hub.Folder);
        Assert.Equal(2, raw.Count);
        Assert.All(raw, v => Assert.StartsWith("v1:", v, StringComparison.Ordinal));
        Assert.NotEqual(raw[0], raw[1]);
    }

    [Fact]
    public async Task Names_stored_in_clear_before_encryption_are_encrypted_at_the_next_start()
    {
        var folder = TempFolder.Create("hub-upgrade");
        await (await InProcessHub.StartAsync(folder: folder)).DisposeAsync();
        StoredNames.InsertClear(folder, 2, 101, "司马小雨", TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.True(StoredNames.FilesContain(folder, "司马小雨"));

        await using var hub = await InProcessHub.StartAsync(folder: folder);

        Assert.All(StoredNames.Raw(hub.Folder), v => Assert.StartsWith("v1:", v, StringComparison.Ordinal));
        Assert.False(StoredNames.FilesContain(hub.Folder, "司马小雨"));
        await using var db = hub.Db();
        Assert.Equal("司马小雨", (await db.Absentees.SingleAsync()).StudentName);
    }

    [Fact]
    public async Task Erasing_a_student_blanks_their_name_in_their_school_and_leaves_the_marks()
    {
        await using var hub = await InProcessHub.StartAsync();
        await using (var room = await hub.ConnectAsync(hub.Tokens.Room(101, 2)))
        {
            await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "张小明", true, MediaTime.Now));
            await room.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 101, "李华", true, MediaTime.Now));
        }

        await using (var other = await hub.ConnectAsync(hub.Tokens.Room(201, 3)))
            await other.Call<RecordAck>("MarkAbsent", new AbsenteeInput(Guid.NewGuid(), TestLessons.A, 201, "张小明", true, MediaTime.Now));

        var eraser = hub.Service<IEnumerable<IPersonalDataEraser>>().OfType<AbsenteeNameEraser>().Single();
        Assert.Equal(1, await eraser.EraseStudentAsync(2, "S-1", "张小明", default));
        Assert.Equal(0, await eraser.EraseStudentAsync(2, "S-1", "张小明", default));

        await using var db = hub.Db();
        var marks = await db.Absentees.AsNoTracking().OrderBy(a => a.SchoolId).ToListAsync();
        Assert.Equal(3, marks.Count);
        Assert.Equal(["—", "李华"], marks.Where(a => a.SchoolId == 2).Select(a => a.StudentName).Order(StringComparer.Ordinal));
        Assert.Equal("张小明", Assert.Single(marks, a => a.SchoolId == 3).StudentName);
    }
}
