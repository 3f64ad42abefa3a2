using Classroom.Contracts.Access;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Store;

/// <summary>
/// The hub's part of erasing a student: absentee marks in the student's school that carry the
/// student's name get the erased marker (the marks stay, so attendance counts do not change).
/// The hub knows students only by name, and names are encrypted with random nonces, so the
/// school's still-named marks are loaded and compared after decryption.
/// </summary>
public sealed class AbsenteeNameEraser(IDbContextFactory<HubDbContext> contexts) : IPersonalDataEraser
{
    public string Store => "hub.absentees";

    public async Task<int> EraseStudentAsync(long schoolId, string schoolStudentId, string displayName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var named = await db.Absentees.AsNoTracking().Where(a => a.SchoolId == schoolId && a.StudentName != RetentionJob.ErasedName)
            .Select(a => new { a.Id, a.StudentName }).ToListAsync(ct).ConfigureAwait(false);
        var ids = named.Where(a => string.Equals(a.StudentName.Trim(), displayName.Trim(), StringComparison.Ordinal)).Select(a => a.Id).ToList();
        if (ids.Count == 0) return 0;
        return await db.Absentees.Where(a => ids.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StudentName, RetentionJob.ErasedName), ct).ConfigureAwait(false);
    }
}
