using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>
/// The replay's part of erasing a student: their watch records in the classes of their school
/// (matched by the account's display name after decryption, as absentee names are) are deleted,
/// with the replay questions the same account asked on those recordings.
/// </summary>
public sealed class ReplayViewEraser(IDbContextFactory<HubDbContext> contexts) : IPersonalDataEraser
{
    public string Store => "hub.replay";

    public async Task<int> EraseStudentAsync(long schoolId, string schoolStudentId, string displayName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var classes = db.RecordingRooms.Where(r => r.SchoolId == schoolId).Select(r => r.ClassroomId);
        var named = await db.RecordingViews.AsNoTracking().Where(v => v.ClassroomId != null && classes.Contains(v.ClassroomId.Value) && v.StudentName != "")
            .Select(v => new { v.RecordingId, v.Subject, v.StudentName }).ToListAsync(ct).ConfigureAwait(false);
        var erased = 0;
        foreach (var v in named.Where(v => string.Equals(v.StudentName.Trim(), displayName.Trim(), StringComparison.Ordinal)))
        {
            erased += await db.ReplayQuestions.Where(q => q.RecordingId == v.RecordingId && q.Author == v.Subject).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            erased += await db.RecordingViews.Where(x => x.RecordingId == v.RecordingId && x.Subject == v.Subject).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }

        return erased;
    }
}
