using System.Globalization;
using static Classroom.Scheduler.Import.ImportColumns;

namespace Classroom.Scheduler.Import;

/// <summary>
/// Every text an import answers with, in Simplified Chinese (the default) and English, each under
/// a stable code the pages and scripts can rely on. One place, so both languages stay in step.
/// </summary>
public static class ImportMessages
{
    private static readonly string[] ChineseDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static string ZhDay(DayOfWeek day) => ChineseDays[(int)day];

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static ImportMessage M(string code, string zh, string en) => new(code, zh, en);

    // The file as a whole.
    public static ImportMessage MissingColumn(string column, IEnumerable<string> found)
    {
        var list = string.Join(", ", found);
        return M("missing_column", $"缺少“{Label(column, false)}”列（文件中的列：{list}）。", $"Column '{column}' is missing (found: {list}).");
    }

    // Mixed-grade rooms (复式班).
    public static ImportMessage NotGrades(string text, int max) =>
        M("invalid_grades", $"“{text}”不是年级：填 1 到 {max} 的整数，复式班用逗号或顿号分隔（如 3、4）。",
            $"'{text}' is not a grade: a whole number 1 to {max}, or several for a mixed-grade room separated by commas (e.g. 3,4).");

    public static ImportMessage GradeNotInRoom(string room, IReadOnlyList<int> grades, int grade) =>
        M("grade_not_in_room", $"班级“{room}”只有 {string.Join("、", grades)} 年级，没有 {grade} 年级。",
            $"Class '{room}' holds grade(s) {string.Join(", ", grades)}, not {grade}.");

    public static ImportMessage MixedRoomNeedsGrade(string room, IReadOnlyList<int> grades) =>
        M("grade_required", $"班级“{room}”是复式班（{string.Join("、", grades)} 年级）：请在“年级”列写明这条需求是哪个年级的。",
            $"Class '{room}' is mixed-grade ({string.Join(", ", grades)}): say in the grade column which grade this demand is for.");

    public static ImportMessage NoRows() => M("no_rows", "文件只有表头，没有数据行。", "The file has a header but no data rows.");

    public static ImportMessage Unreadable(ImportMessage reason) => M("file_unreadable", $"文件无法读取：{reason.Zh}", $"The file could not be read: {reason.En}");

    public static ImportMessage QuoteNotClosed(int line) => M("file_unreadable", $"第 {line} 行：引号括起的字段没有结束。", $"Line {line}: a quoted field is not closed.");

    public static ImportMessage EmptyFile() => M("file_unreadable", "文件是空的：需要一行表头。", "The file is empty: a header row is required.");

    public static ImportMessage NoWorksheet() => M("file_unreadable", "工作簿里没有工作表。", "The workbook has no worksheet.");

    public static ImportMessage EmptyWorksheet() => M("file_unreadable", "工作表是空的：需要一行表头。", "The worksheet is empty: a header row is required.");

    public static ImportMessage NotXlsx() => M("file_unreadable", "这不是可读取的 .xlsx 工作簿。", "The file is not a readable .xlsx workbook.");

    public static ImportMessage PartTooLarge(int maxMb) =>
        M("file_too_large", $"工作簿的某个部分解压后超过 {maxMb} MB。", $"A part of the workbook is larger than {maxMb} MB uncompressed.");

    public static ImportMessage NamedPartTooLarge(string part, long mb, int maxMb) =>
        M("file_too_large", $"工作簿的部分“{part}”解压后有 {mb} MB；最多读取 {maxMb} MB。",
            $"The workbook part '{part}' is {mb} MB uncompressed; at most {maxMb} MB is read.");

    public static ImportMessage TooManyParts(int count, int max) =>
        M("file_too_large", $"工作簿有 {count} 个部分；最多读取 {max} 个。", $"The workbook has {count} parts; at most {max} are read.");

    public static ImportMessage TooManySharedStrings(int max) =>
        M("file_too_large", $"工作簿的共享字符串超过 {max} 个。", $"The workbook has more than {max} shared strings.");

    public static ImportMessage SharedStringsTooLong(long max) =>
        M("file_too_large", $"工作簿的共享字符串合计超过 {max} 个字符。", $"The workbook's shared strings hold more than {max} characters.");

    public static ImportMessage TooManyRows(int max, int row) =>
        M("file_too_large", $"工作表超过 {max} 行（第 {row} 行）。", $"The worksheet has more than {max} rows (row {row}).");

    public static ImportMessage BeyondLastColumn(string cell, string lastColumn, int max) =>
        M("file_too_large", $"单元格 {cell} 超出了 {lastColumn} 列：最多读取 {max} 列。", $"Cell {cell} is beyond column {lastColumn}: at most {max} columns are read.");

    public static ImportMessage TextTooLong(string zhWhere, string enWhere, int max) =>
        M("file_too_large", $"{zhWhere}超过 {max} 个字符。", $"{enWhere} holds more than {max} characters.");

    public static ImportMessage StoredConflict(string reason) =>
        M("stored_conflict", $"文件与已存数据冲突，未作任何更改：{reason}", $"The file conflicts with stored data; nothing was changed: {reason}");

    // One cell.
    public static ImportMessage Required(string column) => M("required", $"“{Label(column, false)}”不能为空。", $"'{column}' is empty.");

    public static ImportMessage TooLong(string column, int max) =>
        M("too_long", $"“{Label(column, false)}”超过 {max} 个字符。", $"'{column}' is longer than {max} characters.");

    public static ImportMessage NotInteger(string text, int min, int max) =>
        M("not_integer", $"“{text}”不是 {min} 到 {max} 之间的整数。", $"'{text}' is not a whole number between {min} and {max}.");

    public static ImportMessage NotNumber(string text, double min, double max) =>
        M("not_number", $"“{text}”不是 {N(min)} 到 {N(max)} 之间的数。", $"'{text}' is not a number between {N(min)} and {N(max)}.");

    public static ImportMessage NotYesNo(string text) =>
        M("not_yes_no", $"“{text}”不是“是”或“否”。", $"'{text}' is not yes or no (是/否, true/false, 1/0).");

    public static ImportMessage NotTime(string text) => M("not_time", $"“{text}”不是时间（时:分，如 08:00）。", $"'{text}' is not a time (HH:mm).");

    public static ImportMessage NotDate(string text) => M("not_date", $"“{text}”不是日期（如 2026-09-01）。", $"'{text}' is not a date (yyyy-MM-dd).");

    public static ImportMessage NotSeasonDate(string text) =>
        M("not_date", $"“{text}”不是日期（固定日期如 2026-05-01，每年重复如 05-01 或 5月1日）。",
            $"'{text}' is not a date (a fixed date like 2026-05-01, or a day that recurs every year like 05-01).");

    public static ImportMessage NotWeekday(string text) =>
        M("not_weekday", $"“{text}”不是星期（周一…周日、星期一、1…7）。", $"'{text}' is not a weekday (周一 … 周日, Monday … Sunday, 1 … 7).");

    public static ImportMessage BadSlots(string part) =>
        M("not_slots", $"“{part}”的格式应为“周一 第3节; 周三 第5节”。", $"'{part}' is not in the form '周一 第3节; 周三 第5节'.");

    // Lookups.
    public static ImportMessage UnknownSchool(string code) =>
        M("unknown_school", $"本联盟没有代码为“{code}”的学校（请先导入学校）。", $"No school with code '{code}' in this alliance (import schools first).");

    public static ImportMessage UnknownClass(string school, string name) =>
        M("unknown_class", $"学校“{school}”没有班级“{name}”（请先导入班级）。", $"School '{school}' has no class '{name}' (import classrooms first).");

    public static ImportMessage NotLeadSchool(string code) =>
        M("not_lead_school", $"学校“{code}”不是主讲学校：主讲课由主讲学校开设。", $"School '{code}' is not the lead school; lead lessons are taught by the lead school.");

    // Clashes.
    public static ImportMessage SecondLeadRow(int otherRow, string otherCode) =>
        M("second_lead", $"第 {otherRow} 行的学校“{otherCode}”已是主讲学校：一个联盟只有一所主讲学校（1+X）。",
            $"Row {otherRow} already makes '{otherCode}' the lead school; an alliance has one lead school (1+X).");

    public static ImportMessage SecondLeadStored(string otherCode) =>
        M("second_lead", $"已存的学校“{otherCode}”是主讲学校：一个联盟只有一所主讲学校（1+X）。",
            $"The stored school '{otherCode}' is the lead school; an alliance has one lead school (1+X).");

    public static ImportMessage LeadHasLessons(string code) =>
        M("lead_has_lessons", $"学校“{code}”还有主讲课，不能改为非主讲学校（请先删除这些课）。",
            $"School '{code}' still has lead lessons and cannot stop being the lead school (delete them first).");

    public static ImportMessage DuplicateRow(int otherRow, string zhKey, string enKey) =>
        M("duplicate_row", $"与第 {otherRow} 行重复（{zhKey}）：同一文件中每个{zhKey}只能出现一次。",
            $"Same {enKey} as row {otherRow}: each {enKey} may appear once in a file.");

    public static ImportMessage TeacherBusyRow(string teacher, DayOfWeek day, string period, int otherRow) =>
        M("teacher_busy", $"教师“{teacher}”{ZhDay(day)} {period} 在第 {otherRow} 行已有课。",
            $"{teacher} already teaches on {day} '{period}' in row {otherRow}.");

    public static ImportMessage TeacherBusyStored(string teacher, DayOfWeek day, string period, string subject, string studio) =>
        M("teacher_busy", $"教师“{teacher}”{ZhDay(day)} {period} 已有已存的课（{subject}，{studio}）。",
            $"{teacher} already teaches a stored lesson on {day} '{period}' ({subject}, {studio}).");

    public static ImportMessage SlotTaken(string studio, DayOfWeek day, string period, string subject, int grade, string teacher) =>
        M("slot_taken",
            $"录播室“{studio}”{ZhDay(day)} {period} 已有已存的课（{subject}，{grade} 年级，{teacher}）；导入不会用另一学科或年级覆盖它，请先删除该课。",
            $"Studio '{studio}' already has a stored lesson on {day} '{period}' ({subject}, grade {grade}, {teacher}); an import does not replace it with another subject or grade — delete that lesson first.");

    public static ImportMessage UnknownPeriods(string school, IEnumerable<(DayOfWeek Day, string Period)> slots) =>
        M("unknown_period",
            $"学校“{school}”的作息表中没有：{string.Join("、", slots.Select(s => $"{ZhDay(s.Day)} {s.Period}"))}。",
            $"School '{school}' has no such period in its bell schedules: {string.Join(", ", slots.Select(s => $"{s.Day} '{s.Period}'"))}.");

    public static ImportMessage NoBellSchedule(string school) =>
        M("no_bell_schedule", $"学校“{school}”还没有作息表（请先导入作息表）。", $"School '{school}' has no bell schedule yet (import bell-schedules first).");

    public static ImportMessage StudentInOtherClass(string student, string otherClass) =>
        M("student_in_other_class", $"学号“{student}”已在本校班级“{otherClass}”的名单中；要调班请先从原班级名单中移除。",
            $"Student id '{student}' is on the roster of this school's class '{otherClass}'; to move the student, remove them from that roster first.");

    // Bell schedules.
    public static ImportMessage PeriodInverted(string name, DayOfWeek day, TimeOnly start, TimeOnly end) =>
        M("period_inverted", $"{ZhDay(day)} {name} 的结束时间 {end:HH\\:mm} 不晚于开始时间 {start:HH\\:mm}。",
            $"Period '{name}' on {day} ends ({end:HH\\:mm}) before it starts ({start:HH\\:mm}).");

    public static ImportMessage PeriodOverlap(string name, DayOfWeek day, TimeOnly start, TimeOnly end, string other, TimeOnly otherStart, TimeOnly otherEnd, int otherRow) =>
        M("period_overlap",
            $"{ZhDay(day)} {name}（{start:HH\\:mm}–{end:HH\\:mm}）与第 {otherRow} 行的 {other}（{otherStart:HH\\:mm}–{otherEnd:HH\\:mm}）时间重叠。",
            $"Period '{name}' on {day} ({start:HH\\:mm}–{end:HH\\:mm}) overlaps '{other}' ({otherStart:HH\\:mm}–{otherEnd:HH\\:mm}) in row {otherRow}.");

    public static ImportMessage DiffersInGroup(string column, int otherRow, string zhGroup, string enGroup) =>
        M("differs_in_group", $"“{Label(column, false)}”与同一{zhGroup}的第 {otherRow} 行不同。", $"'{column}' differs from row {otherRow} of the same {enGroup}.");

    public static ImportMessage EndsBeforeStart(string fromColumn) =>
        M("ends_before_start", $"截止日期早于“{Label(fromColumn, false)}”。", $"The end date is before '{fromColumn}'.");

    public static ImportMessage SeasonNeedsBoth() =>
        M("season_incomplete", "每年重复的季节需要起始和截止两个日期（如 05-01 与 09-30）。",
            "A season that recurs every year needs both a first and a last day (e.g. 05-01 and 09-30).");

    public static ImportMessage SeasonMixed() =>
        M("season_mixed", "起始和截止日期要么都是固定日期，要么都是每年重复的月-日。",
            "The first and last day are both fixed dates or both recurring month-days.");

    // Terms.
    public static ImportMessage TermOverlapRow(string other, int otherRow) =>
        M("term_overlap", $"与第 {otherRow} 行的学期“{other}”时间重叠。", $"Overlaps the term '{other}' in row {otherRow}.");

    public static ImportMessage TermOverlapStored(string other, DateOnly first, DateOnly last) =>
        M("term_overlap", $"与已存学期“{other}”（{first:yyyy-MM-dd} 至 {last:yyyy-MM-dd}）时间重叠。",
            $"Overlaps the stored term '{other}' ({first:yyyy-MM-dd} – {last:yyyy-MM-dd}).");

    public static ImportMessage DayOutsideTerm(DateOnly date) =>
        M("outside_term", $"{date:yyyy-MM-dd} 不在学期内。", $"{date:yyyy-MM-dd} is outside the term.");

    public static ImportMessage NotDayKind(string text) =>
        M("not_day_kind", $"“{text}”不是日期类型（放假 或 调休）。", $"'{text}' is not a kind of day (Holiday or MakeUp, 放假 or 调休).");

    public static ImportMessage MakeUpNeedsWeekday() =>
        M("makeup_weekday", "调休日要写明按星期几（周一…周五）的课表上课。", "A make-up day names the weekday (Monday–Friday) whose timetable it follows.");

    public static ImportMessage FollowsOnlyForMakeUp() =>
        M("follows_not_makeup", "只有调休日才按另一天的课表上课；放假日不填“按星期”。", "Only a make-up day follows another weekday's timetable; leave it empty for a holiday.");

    public static ImportMessage NoSchoolDay() =>
        M("no_school_day", "这个学期没有上课日：每天都是周末或假期。", "The term has no school day: every day is a weekend or a holiday.");
}
