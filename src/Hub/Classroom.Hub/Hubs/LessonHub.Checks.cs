using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Hubs;

// The checks every method runs before it touches the store.
public sealed partial class LessonHub
{
    private const int MaxTextLength = 1000;
    private const int MaxNameLength = 64;

    private LessonBinding Binding()
    {
        if (!Context.Items.TryGetValue(LessonBinding.ItemKey, out var value) || value is not LessonBinding binding)
            throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "not admitted to a lesson");
        if (time.GetUtcNow() > binding.Token.ExpiresAt + JoinTokenConstants.ClockSkew)
            throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "token expired");
        return binding;
    }

    /// <summary>The caller is a classroom writing for its own room in its own lesson (the school was checked at admission).</summary>
    private (LessonBinding Binding, LessonRoomDto Room) RequireOwnRoom(string? lessonId, long classroomId)
    {
        var binding = Binding();
        if (binding.Token.Role != ClassroomRole.Classroom || binding.Room is null)
            throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "only a classroom may do this");
        RequireLesson(binding, lessonId);
        if (classroomId != binding.Room.ClassroomId)
            throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "another room's record");
        return (binding, binding.Room);
    }

    private LessonBinding RequireTeacher(string? lessonId)
    {
        var binding = Binding();
        if (binding.Token.Role != ClassroomRole.Teacher)
            throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "only the lesson's teacher may do this");
        RequireLesson(binding, lessonId);
        return binding;
    }

    private static void RequireLesson(LessonBinding binding, string? lessonId)
    {
        if (!string.Equals(lessonId, binding.LessonId, StringComparison.Ordinal))
            throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "another lesson");
    }

    private static void RequireId(Guid id)
    {
        if (id == Guid.Empty) throw HubErrorCodes.Error(HubErrorCodes.Invalid, "id");
    }

    private static string RequireText(string? text, string field, int max)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw HubErrorCodes.Error(HubErrorCodes.Invalid, field);
        if (trimmed.Length > max) throw HubErrorCodes.Error(HubErrorCodes.TooLarge, field);
        return trimmed;
    }

    /// <summary>
    /// Media time is ms since the lesson's media started. It must lie within the scheduled lesson
    /// (plus slack for early starts and overruns) and not ahead of the clock (plus the same slack).
    /// </summary>
    private void RequireMediaTime(LessonBinding binding, long mediaTimeMs)
    {
        var slack = (long)options.Value.MediaTimeSlack.TotalMilliseconds;
        var length = (long)(binding.Roster.EndsAt - binding.Roster.StartsAt).TotalMilliseconds;
        var elapsed = (long)(time.GetUtcNow() - binding.Roster.StartsAt).TotalMilliseconds;
        if (mediaTimeMs < 0 || mediaTimeMs > length + slack || mediaTimeMs > elapsed + slack)
            throw HubErrorCodes.Error(HubErrorCodes.Invalid, "mediaTimeMs");
    }

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Stores a record idempotently, then returns the ack; the broadcast is queued after the commit.</summary>
    private async Task<RecordAck> StoreAsync<T>(T record, Action<T> broadcast) where T : class, IHubRecord
    {
        var outcome = await writer.RunAsync((db, _, ct) => RecordInsert.ApplyAsync(db, record, ct), Context.ConnectionAborted,
            (typeof(T), record.Id)).ConfigureAwait(false);
        return Acknowledge(outcome, broadcast);
    }

    private static RecordAck Acknowledge<T>(InsertOutcome<T> outcome, Action<T> broadcast) where T : class, IHubRecord
    {
        if (outcome.Result == InsertResult.Conflict)
            throw HubErrorCodes.Error(HubErrorCodes.Conflict, "id already used by another record");
        // A resend is broadcast again too: the node that stored the first copy may have died before its broadcast.
        broadcast(outcome.Record);
        return new RecordAck(outcome.Record.Id, outcome.Result == InsertResult.Duplicate, ReceivedAt(outcome.Record));
    }

    private static long ReceivedAt(IHubRecord record) => record switch
    {
        CheckInRecord r => r.ReceivedAtMs,
        AbsenteeRecord r => r.ReceivedAtMs,
        QuestionRecord r => r.ReceivedAtMs,
        QuestionVoteRecord r => r.ReceivedAtMs,
        HandRecord r => r.ReceivedAtMs,
        QuizRecord r => r.OpenedAtMs,
        QuizAnswerRecord r => r.ReceivedAtMs,
        _ => 0,
    };
}
