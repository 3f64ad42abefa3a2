using System.Text.Json;
using Classroom.Hub.Store.Records;

namespace Classroom.Hub.Protocol;

/// <summary>Stored records to the views clients receive.</summary>
public static class ViewMapper
{
    public static QuestionView ToView(this QuestionRecord q, int upvotes) =>
        new(q.Id, q.ClassroomId, q.SchoolId, q.Text, q.MediaTimeMs, q.ReceivedAtMs, q.Status, upvotes);

    public static CheckInView ToView(this CheckInRecord c) =>
        new(c.Id, c.ClassroomId, c.SchoolId, c.Present, c.Expected, c.MediaTimeMs, c.ReceivedAtMs);

    public static AbsenteeView ToView(this AbsenteeRecord a) => new(a.Id, a.ClassroomId, a.StudentName, a.Absent, a.MediaTimeMs);

    public static HandView ToView(this HandRecord h) => new(h.Id, h.ClassroomId, h.SchoolId, h.State, h.ReceivedAtMs);

    public static QuizView ToView(this QuizRecord q) =>
        new(q.Id, q.Prompt, JsonSerializer.Deserialize<string[]>(q.OptionsJson) ?? [], q.MediaTimeMs, q.ClosedAtMs is null);

    public static QuizAnswerView ToView(this QuizAnswerRecord a) =>
        new(a.Id, a.QuizId, a.ClassroomId, a.SchoolId, JsonSerializer.Deserialize<int[]>(a.CountsJson) ?? [], a.ReceivedAtMs);

    /// <summary>Per-room latest answers and their totals per option.</summary>
    public static QuizResultsView Results(QuizRecord quiz, IEnumerable<QuizAnswerRecord> answers)
    {
        var latest = answers.Where(a => a.QuizId == quiz.Id)
            .GroupBy(a => a.ClassroomId)
            .Select(g => g.OrderByDescending(a => a.ReceivedAtMs).ThenByDescending(a => a.Id).First().ToView())
            .OrderBy(a => a.ClassroomId)
            .ToList();
        var totals = new int[quiz.OptionCount];
        foreach (var a in latest)
            for (var i = 0; i < Math.Min(totals.Length, a.Counts.Count); i++) totals[i] += a.Counts[i];
        return new QuizResultsView(quiz.Id, totals, latest);
    }
}
