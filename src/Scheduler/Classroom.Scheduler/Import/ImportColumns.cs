namespace Classroom.Scheduler.Import;

/// <summary>Canonical column names of the import files and the headers schools actually write.</summary>
public static class ImportColumns
{
    public const string SchoolCode = "school_code", SchoolName = "school_name", IsLead = "is_lead", LinkMbps = "link_mbps";
    public const string Grade = "grade", ClassName = "class_name", Seats = "seats";
    public const string ScheduleName = "schedule_name", ValidFrom = "valid_from", ValidTo = "valid_to";
    public const string Weekday = "weekday", Period = "period", Start = "start", End = "end";
    public const string Subject = "subject", Teacher = "teacher", Studio = "studio", BitrateMbps = "bitrate_mbps", Recording = "recording";
    public const string LessonsPerWeek = "lessons_per_week", Periods = "periods";
    public const string StudentId = "student_id", DisplayName = "display_name";
    public const string TermName = "term_name", FirstDay = "first_day", LastDay = "last_day";
    public const string Date = "date", DayKind = "day_kind", FollowsWeekday = "follows_weekday", Note = "note";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["学校代码"] = SchoolCode, ["code"] = SchoolCode, ["schoolcode"] = SchoolCode,
        ["学校名称"] = SchoolName, ["学校"] = SchoolName, ["school"] = SchoolName, ["schoolname"] = SchoolName,
        ["是否主讲"] = IsLead, ["主讲学校"] = IsLead, ["lead"] = IsLead, ["islead"] = IsLead,
        ["带宽"] = LinkMbps, ["带宽mbps"] = LinkMbps, ["linkmbps"] = LinkMbps, ["bandwidth"] = LinkMbps,
        ["年级"] = Grade, ["班级"] = ClassName, ["class"] = ClassName, ["classname"] = ClassName, ["座位数"] = Seats,
        ["作息名称"] = ScheduleName, ["作息表"] = ScheduleName, ["schedule"] = ScheduleName, ["schedulename"] = ScheduleName,
        ["起始日期"] = ValidFrom, ["生效日期"] = ValidFrom, ["validfrom"] = ValidFrom, ["截止日期"] = ValidTo, ["validto"] = ValidTo,
        ["星期"] = Weekday, ["周几"] = Weekday, ["day"] = Weekday, ["节次"] = Period,
        ["开始时间"] = Start, ["开始"] = Start, ["结束时间"] = End, ["结束"] = End,
        ["学科"] = Subject, ["科目"] = Subject, ["教师"] = Teacher, ["主讲教师"] = Teacher, ["录播室"] = Studio,
        ["码率"] = BitrateMbps, ["码率mbps"] = BitrateMbps, ["bitrate"] = BitrateMbps, ["bitratembps"] = BitrateMbps,
        ["录制"] = Recording, ["是否录制"] = Recording, ["录像"] = Recording, ["record"] = Recording, ["recording"] = Recording,
        ["每周节数"] = LessonsPerWeek, ["每周课时"] = LessonsPerWeek, ["lessonsperweek"] = LessonsPerWeek,
        ["可上课节次"] = Periods, ["可用节次"] = Periods,
        ["学号"] = StudentId, ["studentid"] = StudentId, ["姓名"] = DisplayName, ["name"] = DisplayName, ["displayname"] = DisplayName,
        ["学期"] = TermName, ["学期名称"] = TermName, ["term"] = TermName, ["termname"] = TermName,
        ["开学日期"] = FirstDay, ["学期开始"] = FirstDay, ["开始日期"] = FirstDay, ["firstday"] = FirstDay,
        ["学期结束"] = LastDay, ["结束日期"] = LastDay, ["lastday"] = LastDay,
        ["日期"] = Date, ["类型"] = DayKind, ["kind"] = DayKind, ["daykind"] = DayKind,
        ["按星期"] = FollowsWeekday, ["调休按"] = FollowsWeekday, ["上星期几的课"] = FollowsWeekday, ["follows"] = FollowsWeekday, ["followsweekday"] = FollowsWeekday,
        ["备注"] = Note, ["说明"] = Note,
    };

    /// <summary>How messages name a column: the header a Chinese template uses, or the canonical English name.</summary>
    private static readonly Dictionary<string, string> ChineseLabels = new(StringComparer.Ordinal)
    {
        [SchoolCode] = "学校代码", [SchoolName] = "学校名称", [IsLead] = "是否主讲", [LinkMbps] = "带宽(Mbps)",
        [Grade] = "年级", [ClassName] = "班级", [Seats] = "座位数", [ScheduleName] = "作息名称", [ValidFrom] = "起始日期", [ValidTo] = "截止日期",
        [Weekday] = "星期", [Period] = "节次", [Start] = "开始", [End] = "结束", [Subject] = "学科", [Teacher] = "教师", [Studio] = "录播室",
        [BitrateMbps] = "码率", [Recording] = "录制", [LessonsPerWeek] = "每周节数", [Periods] = "可上课节次", [StudentId] = "学号", [DisplayName] = "姓名",
        [TermName] = "学期", [FirstDay] = "开学日期", [LastDay] = "学期结束", [Date] = "日期", [DayKind] = "类型", [FollowsWeekday] = "按星期", [Note] = "备注",
    };

    public static string Label(string column, bool english) => !english && ChineseLabels.TryGetValue(column, out var zh) ? zh : column;

    /// <summary>"学校代码", "School Code", "school_code", "带宽(Mbps)" → canonical name; unknown headers pass through normalised.</summary>
    public static string Canonical(string header)
    {
        var h = header.Trim();
        var paren = h.IndexOfAny(['(', '（']);
        var key = new string(h.Where(c => c is not (' ' or '_' or '-' or '(' or ')' or '（' or '）')).ToArray()).ToLowerInvariant();
        if (Aliases.TryGetValue(key, out var name)) return name;
        if (paren > 0 && Aliases.TryGetValue(new string(h[..paren].Where(c => c is not (' ' or '_')).ToArray()).ToLowerInvariant(), out name)) return name;
        return h.ToLowerInvariant().Replace(' ', '_');
    }
}
