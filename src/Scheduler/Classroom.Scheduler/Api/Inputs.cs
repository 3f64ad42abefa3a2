using System.Globalization;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Domain;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Turns request bodies (from JSON or from import rows) into entities, collecting every field
/// error under a prefix ("periods[2].end", "row 7: end") so the caller can name what is wrong.
/// One place for the rules, whether the data comes from the API or from a spreadsheet.
/// </summary>
public static class Inputs
{
    public const int MaxGrade = 12;

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static School? School(SchoolRequest r, Checks c, string prefix = "")
    {
        c.Require(prefix + "name", r.Name).Require(prefix + "code", r.Code, 64).Range(prefix + "linkMbps", r.LinkMbps, 0.1, 100_000);
        return c.Ok ? new School { Name = r.Name!.Trim(), Code = r.Code!.Trim(), IsLead = r.IsLead, LinkMbps = r.LinkMbps, StageRecordingConsent = r.StageRecordingConsent ?? false } : null;
    }

    public static void Apply(ClassroomRequest r, ClassroomRoom target, Checks c, string prefix = "")
    {
        c.Require(prefix + "className", r.ClassName, 100).Range(prefix + "seats", r.Seats, 0, 500);
        if (r.Grades is { Count: > 0 } grades)
        {
            c.When(grades.Any(g => g < 1 || g > MaxGrade) || grades.Distinct().Count() != grades.Count, prefix + "grades",
                $"grades must be different whole numbers from 1 to {MaxGrade}.");
        }
        else
        {
            c.Range(prefix + "grade", r.Grade, 1, MaxGrade);
        }

        if (!c.Ok) return;
        target.ClassName = r.ClassName!.Trim();
        RoomGrades.Apply(target, r.Grades is { Count: > 0 } list ? list : [r.Grade]);
        target.Seats = r.Seats;
    }

    public static BellSchedule? BellSchedule(BellScheduleRequest r, Checks c, string prefix = "")
    {
        c.Require(prefix + "name", r.Name, 100);
        c.When(r.ValidFrom is { } f && r.ValidTo is { } t && t < f, prefix + "validTo", "结束日期（validTo）早于开始日期（validFrom）。", "'validTo' is before 'validFrom'.");
        c.When(r.Periods is null || r.Periods.Count == 0, prefix + "periods", "作息表至少要有一节课。", "A bell schedule needs at least one period.");
        MonthDay? seasonFrom = null, seasonTo = null;
        if (r.SeasonFrom is not null || r.SeasonTo is not null)
        {
            if (MonthDay.TryParse(r.SeasonFrom, out var sf)) seasonFrom = sf;
            else c.Add(prefix + "seasonFrom", $"“{r.SeasonFrom}”不是每年都有的月-日（MM-dd，不能是 02-29）。", $"'{r.SeasonFrom}' is not a month-day that recurs every year (MM-dd, not 02-29).");
            if (MonthDay.TryParse(r.SeasonTo, out var st)) seasonTo = st;
            else c.Add(prefix + "seasonTo", $"“{r.SeasonTo}”不是每年都有的月-日（MM-dd，不能是 02-29）。", $"'{r.SeasonTo}' is not a month-day that recurs every year (MM-dd, not 02-29).");
        }

        var periods = new List<BellPeriod>();
        for (var i = 0; i < (r.Periods?.Count ?? 0); i++)
        {
            var p = r.Periods![i];
            var at = $"{prefix}periods[{i}].";
            if (!Enum.IsDefined(p.Weekday)) c.Add(at + "weekday", $"没有“{p.Weekday}”这个星期几。", $"Unknown weekday '{p.Weekday}'.");
            if (!TryTime(p.Start, out var start)) c.Add(at + "start", $"“{p.Start}”不是时间（HH:mm）。", $"'{p.Start}' is not a time (HH:mm).");
            if (!TryTime(p.End, out var end)) c.Add(at + "end", $"“{p.End}”不是时间（HH:mm）。", $"'{p.End}' is not a time (HH:mm).");
            periods.Add(new BellPeriod { Weekday = p.Weekday, Name = p.Name?.Trim() ?? string.Empty, Start = start, End = end });
        }

        if (c.Ok)
        {
            foreach (var (index, field, message) in PeriodRules.Validate(periods, c.English))
                c.Add($"{prefix}periods[{index}].{field}", message);
        }

        return c.Ok ? new BellSchedule { Name = r.Name!.Trim(), ValidFrom = r.ValidFrom, ValidTo = r.ValidTo, SeasonFrom = seasonFrom, SeasonTo = seasonTo, Periods = periods } : null;
    }

    public static Term? Term(TermRequest r, Checks c, string prefix = "")
    {
        c.Require(prefix + "name", r.Name, 100);
        c.When(r.LastDay < r.FirstDay, prefix + "lastDay", "学期的结束日早于开始日：一个学期至少要有一天。", "The term ends before it starts: a term needs at least one day.");
        c.When(r.FirstDay == default || r.LastDay == default, prefix + "firstDay", "请填写开始日（firstDay）和结束日（lastDay）。", "'firstDay' and 'lastDay' are required.");
        var days = new List<TermDay>();
        for (var i = 0; i < (r.SpecialDays?.Count ?? 0); i++)
        {
            var d = r.SpecialDays![i];
            var at = $"{prefix}specialDays[{i}].";
            c.When(d.Date < r.FirstDay || d.Date > r.LastDay, at + "date", $"{d.Date:yyyy-MM-dd} 不在学期之内。", $"{d.Date:yyyy-MM-dd} is outside the term.");
            c.When(!Enum.IsDefined(d.Kind), at + "kind", "日期类型只能是放假（Holiday）或调休（MakeUp）。", "Kind must be Holiday or MakeUp.");
            c.When(d.Kind == TermDayKind.MakeUp && d.FollowsWeekday is DayOfWeek.Saturday or DayOfWeek.Sunday, at + "followsWeekday",
                $"{d.Date:yyyy-MM-dd} 调休上课要按周一至周五中某一天的课表。", "A make-up day follows a weekday's timetable (Monday–Friday).");
            c.When(days.Exists(x => x.Date == d.Date), at + "date", $"{d.Date:yyyy-MM-dd} 出现了两次。", $"{d.Date:yyyy-MM-dd} is listed twice.");
            days.Add(new TermDay { Date = d.Date, Kind = d.Kind, FollowsWeekday = d.Kind == TermDayKind.MakeUp ? d.FollowsWeekday ?? d.Date.DayOfWeek : null, Note = d.Note });
        }

        if (c.Ok && new TermCalendar([new Term { Name = "x", FirstDay = r.FirstDay, LastDay = r.LastDay, SpecialDays = days }]).SchoolDays(r.FirstDay, r.LastDay).FirstOrDefault() == default)
            c.Add(prefix + "firstDay", "这个学期没有上课日：每一天都是周末或假日。", "The term has no school day: every day is a weekend or a holiday.");

        return c.Ok ? new Term { Name = r.Name!.Trim(), FirstDay = r.FirstDay, LastDay = r.LastDay, SpecialDays = days } : null;
    }

    public static MemberDemand? Demand(DemandRequest r, Checks c, string prefix = "")
    {
        c.When(string.IsNullOrWhiteSpace(r.Subject), prefix + "subject", "请填写科目。", "Enter the subject.");
        c.When(r.Subject is { Length: > 50 }, prefix + "subject", "科目超过 50 个字符。", "The subject is longer than 50 characters.");
        c.When(r.LessonsPerWeek is < 1 or > 20, prefix + "lessonsPerWeek", $"每周课时须在 1 到 20 之间（收到 {r.LessonsPerWeek}）。",
            $"Lessons per week must be between 1 and 20 (got {r.LessonsPerWeek}).");
        c.When(r.Periods is null || r.Periods.Count == 0, prefix + "periods", "请列出这个班可以上这门课的节次。", "List the periods the room can take the lessons in.");
        var periods = new List<DemandPeriod>();
        for (var i = 0; i < (r.Periods?.Count ?? 0); i++)
        {
            var p = r.Periods![i];
            c.When(string.IsNullOrWhiteSpace(p.PeriodName) || p.PeriodName.Length > 50, $"{prefix}periods[{i}].periodName",
                "请填写节次名称（最多 50 个字符）。", "Enter the period's name (at most 50 characters).");
            c.When(!Enum.IsDefined(p.Weekday), $"{prefix}periods[{i}].weekday", $"没有“{p.Weekday}”这个星期几。", $"Unknown weekday '{p.Weekday}'.");
            c.When(periods.Exists(x => x.Weekday == p.Weekday && x.PeriodName == p.PeriodName?.Trim()), $"{prefix}periods[{i}].periodName",
                $"节次“{p.PeriodName}”列了两次。", $"The period '{p.PeriodName}' is listed twice.");
            periods.Add(new DemandPeriod { Weekday = p.Weekday, PeriodName = p.PeriodName?.Trim() ?? string.Empty });
        }

        return c.Ok ? new MemberDemand { Subject = r.Subject!.Trim(), LessonsPerWeek = r.LessonsPerWeek, Periods = periods, Grade = r.Grade } : null;
    }

    /// <summary>
    /// A demand's grade against its room (docs/scheduler.md "Mixed-grade rooms"): a mixed-grade
    /// room's demand names one of its grades; a one-grade room's may omit it or name that grade.
    /// </summary>
    public static void DemandGrade(MemberDemand demand, ClassroomRoom room, Checks c, string field = "grade")
    {
        var grades = room.Grades;
        if (demand.Grade is { } g)
        {
            c.When(!grades.Contains(g), field, $"“{room.ClassName}”是 {string.Join("、", grades)} 年级的班，没有 {g} 年级。", $"Room '{room.ClassName}' holds grade(s) {string.Join(", ", grades)}, not {g}.");
            if (grades.Count == 1) demand.Grade = null; // the room's only grade: stored as "the room's"
        }
        else
        {
            c.When(grades.Count > 1, field, $"“{room.ClassName}”是复式班（{string.Join("、", grades)} 年级）：请选这条需求是哪个年级的。",
                $"Room '{room.ClassName}' is mixed-grade ({string.Join(", ", grades)}): say which grade this demand is for.");
        }
    }

    public static RosterEntry? Student(RosterEntryRequest r, Checks c, string prefix = "")
    {
        c.Require(prefix + "schoolStudentId", r.SchoolStudentId, 64).Require(prefix + "displayName", r.DisplayName, 100);
        return c.Ok ? new RosterEntry { SchoolStudentId = r.SchoolStudentId!.Trim(), DisplayName = r.DisplayName!.Trim() } : null;
    }
}
