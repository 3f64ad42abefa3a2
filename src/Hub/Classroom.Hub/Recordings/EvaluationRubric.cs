namespace Classroom.Hub.Recordings;

/// <summary>
/// The lesson evaluation rubric (评课量表, docs/evaluation.md): five criteria scored 1–5, in this
/// order on the wire and in storage. The 1+X setting adds the criterion a plain classroom rubric
/// lacks: whether the member classrooms took part, not only the studio's own pupils.
/// </summary>
public static class EvaluationRubric
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    public static IReadOnlyList<(string Key, string Zh, string En)> Criteria { get; } =
    [
        ("goals", "教学目标与设计", "Goals and lesson design"),
        ("process", "教学过程与组织", "Teaching process and organisation"),
        ("interaction", "双向互动（含成员校课堂）", "Interaction, member classrooms included"),
        ("media", "技术与媒体运用", "Use of media and technology"),
        ("outcome", "教学效果", "Learning outcomes"),
    ];

    public static string Store(IReadOnlyList<int?> scores) =>
        string.Join(',', scores.Select(s => s is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));

    public static IReadOnlyList<int?> Load(string stored)
    {
        var parts = stored.Split(',');
        return [.. Criteria.Select((_, i) => i < parts.Length && int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null)];
    }
}
