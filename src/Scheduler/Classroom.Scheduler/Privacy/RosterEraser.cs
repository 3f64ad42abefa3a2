using Classroom.Contracts.Access;
using Classroom.Scheduler.Data;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Privacy;

/// <summary>
/// The scheduler's part of erasing a student: deletes the student's roster entries in every
/// classroom of the school, matched by the school's student id (names are encrypted with random
/// nonces and cannot be matched in SQL; the id is what the school erases by).
/// </summary>
public sealed class RosterEraser(SchedulerDbContext db) : IPersonalDataEraser
{
    public string Store => "scheduler.roster";

    public Task<int> EraseStudentAsync(long schoolId, string schoolStudentId, string displayName, CancellationToken ct) =>
        db.Roster.Where(r => r.SchoolStudentId == schoolStudentId && db.Classrooms.Any(c => c.Id == r.ClassroomId && c.SchoolId == schoolId))
            .ExecuteDeleteAsync(ct);
}
