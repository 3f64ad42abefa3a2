namespace Classroom.Hub.Store.Records;

/// <summary>A classroom paired with the recorded lesson when the recording started, with its school: the recording's audience.</summary>
public sealed class RecordingRoomRecord
{
    public string RecordingId { get; set; } = "";
    public long ClassroomId { get; set; }
    public string ClassroomName { get; set; } = "";
    public long SchoolId { get; set; }
    public string SchoolName { get; set; } = "";
}
