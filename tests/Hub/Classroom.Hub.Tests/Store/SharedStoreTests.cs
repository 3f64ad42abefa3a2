using Classroom.Contracts.Lessons;
using Classroom.Hub.Store;
using Classroom.Hub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Tests.Store;

/// <summary>Two nodes writing into one store: the same roster or record from both is stored once.</summary>
public sealed class SharedStoreTests
{
    [Fact]
    public async Task Both_nodes_snapshot_the_same_lesson_once()
    {
        var folder = TempFolder.Create("shared");
        await using var a = await InProcessHub.StartAsync(folder: folder);
        await using var b = await InProcessHub.StartAsync(folder: folder);
        var roster = TestLessons.All(TimeProvider.System.GetUtcNow())[0];
        await a.Service<LessonSnapshotter>().EnsureAsync(roster, default);
        await b.Service<LessonSnapshotter>().EnsureAsync(roster, default);
        await using var db = a.Db();
        Assert.Equal(3, await db.LessonRooms.CountAsync(r => r.LessonId == TestLessons.A));
    }

    [Fact]
    public async Task Rooms_connecting_to_two_nodes_share_the_roster_snapshot()
    {
        var folder = TempFolder.Create("shared");
        await using var a = await InProcessHub.StartAsync(folder: folder);
        await using var b = await InProcessHub.StartAsync(folder: folder);
        await using var teacher = await b.ConnectAsync(b.Tokens.Teacher());
        await using var room = await a.ConnectAsync(a.Tokens.Room(101, 2));
        var state = await Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.InvokeAsync<Classroom.Hub.Protocol.LessonStateView>(room.Connection, "GetLessonState");
        Assert.Single(state.Rooms);
    }
}
