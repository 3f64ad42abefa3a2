namespace Classroom.Scheduler.Import;

/// <summary>A problem's stable code and its text in both languages the API speaks; the endpoint picks one per caller.</summary>
public readonly record struct ImportMessage(string Code, string Zh, string En)
{
    public string Text(bool english) => english ? En : Zh;
}

/// <summary>
/// One problem of an import file: the spreadsheet row (null for the whole file), the canonical
/// column and the header the file wrote for it, the other row it clashes with when there is one,
/// and the message. A stored record it clashes with is named in the message. A problem of the
/// whole file has a topic instead of a row ("header", "rows", "file").
/// </summary>
public sealed record ImportIssue(int? Row, string? Column, string? Header, ImportMessage Message, int? OtherRow = null, string? Topic = null)
{
    public string Code => Message.Code;

    /// <summary>The key of the problem-details "errors" map: "row 7: end", or the topic for the whole file.</summary>
    public string Field => Row is { } row ? $"row {row}: {Column}" : Topic ?? Column ?? "file";
}
