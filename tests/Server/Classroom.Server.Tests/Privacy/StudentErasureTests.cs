using System.Net;
using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Privacy;

/// <summary>Erasing a student reaches the scheduler's roster and the hub's absentee records of the same server.</summary>
public sealed class StudentErasureTests : IDisposable
{
    private readonly SchedulerHost _host = new(seedDemo: false, roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private static AbsenteeRecord Mark(long schoolId, long roomId, string name) => new()
    {
        Id = Guid.NewGuid(), LessonId = "L1-20261123", SchoolId = schoolId, ClassroomId = roomId, StudentName = name, Absent = true, Author = "room:test",
    };

    [Fact]
    public async Task Erasing_a_student_deletes_their_roster_entry_and_blanks_their_absentee_names_in_their_school_only()
    {
        var alliance = await PrivacyAlliance.BuildAsync(_host);
        var admin = _host.Admin();
        await PrivacyAlliance.ImportAsync(admin, alliance.AllianceId, "rosters", "学校代码,班级,学号,姓名\nV1,4年级1班,V1001,张三\nV1,4年级1班,V1002,李四\nV2,4年级1班,V2001,张三\n");
        var contexts = _host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using (var hub = await contexts.CreateDbContextAsync())
        {
            hub.Absentees.AddRange(Mark(alliance.SchoolV1, alliance.RoomV1, "张三"), Mark(alliance.SchoolV1, alliance.RoomV1, "张三"),
                Mark(alliance.SchoolV1, alliance.RoomV1, "李四"), Mark(alliance.SchoolV2, alliance.RoomV2, "张三"));
            await hub.SaveChangesAsync();
        }

        var counts = await _host.Scoped(sp => sp.GetRequiredService<PersonalDataErasure>().EraseStudentAsync(alliance.SchoolV1, "V1001", "张三", default));

        Assert.Equal(1, counts["scheduler.roster"]);
        Assert.Equal(2, counts["hub.absentees"]);
        var v1 = (await (await admin.GetAsync($"/api/classrooms/{alliance.RoomV1}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["V1002"], v1.Select(r => (string)r!["schoolStudentId"]!));
        var v2 = (await (await admin.GetAsync($"/api/classrooms/{alliance.RoomV2}/roster")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["V2001"], v2.Select(r => (string)r!["schoolStudentId"]!));
        await using (var hub = await contexts.CreateDbContextAsync())
        {
            var names = await hub.Absentees.AsNoTracking().Select(a => new { a.SchoolId, a.StudentName }).ToListAsync();
            Assert.Equal(2, names.Count(n => n.SchoolId == alliance.SchoolV1 && n.StudentName == RetentionJob.ErasedName));
            Assert.Contains(names, n => n.SchoolId == alliance.SchoolV1 && n.StudentName == "李四");
            Assert.Contains(names, n => n.SchoolId == alliance.SchoolV2 && n.StudentName == "张三");
        }

        // Idempotent: a second run (after a partial failure, say) finds nothing left.
        var again = await _host.Scoped(sp => sp.GetRequiredService<PersonalDataErasure>().EraseStudentAsync(alliance.SchoolV1, "V1001", "张三", default));
        Assert.All(again.Values, n => Assert.Equal(0, n));
    }
}
