using Classroom.Hub.Broadcast;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Hubs;

// Attendance: headcount check-ins and absentee marks, each for the caller's own room only.
public sealed partial class LessonHub
{
    public Task<RecordAck> CheckIn(CheckInInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        RequireId(input.Id);
        RequireMediaTime(binding, input.MediaTimeMs);
        if (input.Present < 0 || input.Present > 1000) throw HubErrorCodes.Error(HubErrorCodes.Invalid, "present");
        var record = new CheckInRecord
        {
            Id = input.Id, LessonId = binding.LessonId, ClassroomId = room.ClassroomId, SchoolId = room.SchoolId,
            Present = input.Present, Expected = room.ExpectedHeadcount, MediaTimeMs = input.MediaTimeMs,
            ReceivedAtMs = NowMs, Author = binding.Token.Subject,
        };
        return StoreAsync(record, r => broadcaster.Enqueue(r.LessonId, nameof(ILessonClient.CheckedIn),
            c => c.Group(LessonGroups.Staff(r.LessonId)).CheckedIn(r.ToView())));
    }

    public Task<RecordAck> MarkAbsent(AbsenteeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        RequireId(input.Id);
        RequireMediaTime(binding, input.MediaTimeMs);
        var record = new AbsenteeRecord
        {
            Id = input.Id, LessonId = binding.LessonId, ClassroomId = room.ClassroomId, SchoolId = room.SchoolId,
            StudentName = RequireText(input.StudentName, "studentName", MaxNameLength), Absent = input.Absent,
            MediaTimeMs = input.MediaTimeMs, ReceivedAtMs = NowMs, Author = binding.Token.Subject,
        };
        // Names of minors go to staff only, never to other schools' rooms.
        return StoreAsync(record, r => broadcaster.Enqueue(r.LessonId, nameof(ILessonClient.AbsenteeMarked),
            c => c.Group(LessonGroups.Staff(r.LessonId)).AbsenteeMarked(r.ToView())));
    }
}
