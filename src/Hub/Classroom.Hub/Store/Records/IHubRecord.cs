namespace Classroom.Hub.Store.Records;

/// <summary>A record a client created: its id is client-generated, so storing is idempotent on it.</summary>
public interface IHubRecord
{
    Guid Id { get; }
    string LessonId { get; }

    /// <summary>Who wrote it (token subject); a second write of the same id by someone else is a conflict.</summary>
    string Author { get; }
}
