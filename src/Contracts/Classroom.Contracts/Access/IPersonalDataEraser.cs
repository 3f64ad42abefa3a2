namespace Classroom.Contracts.Access;

/// <summary>
/// One store's part of erasing a student (a guardian's or the school's request): every component
/// that keeps something about students implements it, and <see cref="PersonalDataErasure"/> runs
/// them all. A store holding only names matches by name within the school; one holding the
/// school's student id matches by that.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>Short name of the store for the result, e.g. "scheduler.roster", "hub.absentees".</summary>
    string Store { get; }

    /// <summary>Deletes or blanks this student's data in this store; returns the rows changed.</summary>
    Task<int> EraseStudentAsync(long schoolId, string schoolStudentId, string displayName, CancellationToken ct);
}
