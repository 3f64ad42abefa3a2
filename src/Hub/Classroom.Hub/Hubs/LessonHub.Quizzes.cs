using System.Text.Json;
using Classroom.Hub.Broadcast;
using Classroom.Hub.Protocol;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Hubs;

// Quizzes: the teacher pushes and closes them; each room answers as a room.
public sealed partial class LessonHub
{
    private const int MaxOptions = 10;
    private const int MaxStudentAnswers = 500;

    public Task<RecordAck> OpenQuiz(QuizInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var binding = RequireTeacher(input.LessonId);
        RequireId(input.Id);
        RequireMediaTime(binding, input.MediaTimeMs);
        if (input.Options is null || input.Options.Count < 2) throw HubErrorCodes.Error(HubErrorCodes.Invalid, "options");
        if (input.Options.Count > MaxOptions) throw HubErrorCodes.Error(HubErrorCodes.TooLarge, "options");
        var optionTexts = input.Options.Select(o => RequireText(o, "options", 200)).ToArray();
        var record = new QuizRecord
        {
            Id = input.Id, LessonId = binding.LessonId, Prompt = RequireText(input.Prompt, "prompt", MaxTextLength),
            OptionsJson = JsonSerializer.Serialize(optionTexts), OptionCount = optionTexts.Length,
            MediaTimeMs = input.MediaTimeMs, OpenedAtMs = NowMs, Author = binding.Token.Subject,
        };
        return StoreAsync(record, r => broadcaster.Enqueue(r.LessonId, nameof(ILessonClient.QuizOpened),
            c => c.Group(LessonGroups.Lesson(r.LessonId)).QuizOpened(r.ToView())));
    }

    public async Task CloseQuiz(QuizCloseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var binding = RequireTeacher(input.LessonId);
        var found = await writer.RunAsync(async (db, now, ct) =>
        {
            var quiz = await db.Quizzes.FindAsync([input.QuizId], ct).ConfigureAwait(false);
            if (quiz is null || quiz.LessonId != binding.LessonId) return false;
            quiz.ClosedAtMs ??= now;
            return true;
        }, Context.ConnectionAborted).ConfigureAwait(false);
        if (!found) throw HubErrorCodes.Error(HubErrorCodes.NotFound, "quizId");
        broadcaster.Enqueue(binding.LessonId, nameof(ILessonClient.QuizClosed),
            c => c.Group(LessonGroups.Lesson(binding.LessonId)).QuizClosed(input.QuizId));
    }

    public async Task<RecordAck> AnswerQuiz(QuizAnswerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (binding, room) = RequireOwnRoom(input.LessonId, input.ClassroomId);
        RequireId(input.Id);
        RequireMediaTime(binding, input.MediaTimeMs);
        if (input.StudentAnswers is { Count: > MaxStudentAnswers } || input.Counts is { Count: > MaxOptions })
            throw HubErrorCodes.Error(HubErrorCodes.TooLarge, "answers");
        var record = new QuizAnswerRecord
        {
            Id = input.Id, LessonId = binding.LessonId, QuizId = input.QuizId, ClassroomId = room.ClassroomId,
            SchoolId = room.SchoolId, MediaTimeMs = input.MediaTimeMs, ReceivedAtMs = NowMs, Author = binding.Token.Subject,
        };
        var (outcome, error) = await writer.RunAsync<(InsertOutcome<QuizAnswerRecord>?, string?)>(async (db, _, ct) =>
        {
            var existing = db.KnownAbsent.Contains(record.Id) ? null : await db.QuizAnswers.FindAsync([record.Id], ct).ConfigureAwait(false);
            if (existing is not null) return (await RecordInsert.ApplyAsync(db, record, ct).ConfigureAwait(false), null);
            var quiz = await db.Quizzes.FindAsync([input.QuizId], ct).ConfigureAwait(false);
            if (quiz is null || quiz.LessonId != binding.LessonId) return (null, HubErrorCodes.NotFound + ": quizId");
            if (quiz.ClosedAtMs is not null) return (null, HubErrorCodes.Conflict + ": quiz closed");
            var counts = CountAnswers(input, quiz.OptionCount);
            if (counts is null) return (null, HubErrorCodes.Invalid + ": counts");
            record.CountsJson = JsonSerializer.Serialize(counts);
            record.StudentAnswersJson = input.StudentAnswers is null ? null : JsonSerializer.Serialize(input.StudentAnswers);
            return (await RecordInsert.ApplyAsync(db, record, ct).ConfigureAwait(false), null);
        }, Context.ConnectionAborted, (typeof(QuizAnswerRecord), record.Id)).ConfigureAwait(false);
        if (error is not null) throw new Microsoft.AspNetCore.SignalR.HubException(error);
        return Acknowledge(outcome!, r => broadcaster.Enqueue(r.LessonId, nameof(ILessonClient.QuizAnswered),
            c => c.Group(LessonGroups.Staff(r.LessonId)).QuizAnswered(r.ToView())));
    }

    /// <summary>Counts per option, from the room's counts or its clickers (one answer per student key); null when malformed.</summary>
    private static int[]? CountAnswers(QuizAnswerInput input, int optionCount)
    {
        var counts = new int[optionCount];
        if (input.StudentAnswers is { } students)
        {
            if (input.Counts is not null) return null;
            if (students.Select(s => s.StudentKey).Distinct(StringComparer.Ordinal).Count() != students.Count) return null;
            foreach (var s in students)
            {
                if (s.Option < 0 || s.Option >= optionCount || string.IsNullOrEmpty(s.StudentKey) || s.StudentKey.Length > MaxNameLength) return null;
                counts[s.Option]++;
            }

            return counts;
        }

        if (input.Counts is null || input.Counts.Count != optionCount) return null;
        for (var i = 0; i < optionCount; i++)
        {
            if (input.Counts[i] < 0 || input.Counts[i] > 1000) return null;
            counts[i] = input.Counts[i];
        }

        return counts;
    }
}
