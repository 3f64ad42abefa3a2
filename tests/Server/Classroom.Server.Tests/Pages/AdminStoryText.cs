using System.Text.RegularExpressions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// The console's words the story (<see cref="AdminStoryTests"/>) finds its way by, in one language:
/// labels, buttons, messages. The data (schools, rooms, subjects) is Chinese in both runs, as a
/// county's data is; only the interface changes. Written here, not read from the locale files, so a
/// missing or changed translation fails the story.
/// </summary>
internal sealed record StoryText(
    string Name, string FirstDay, string LastDay, string Note, string Follows, string TermName, string TermSummary, string TermSaved,
    string[] Kinds, string TwoProblems, Func<int, string> Imported, string Solved, string HolidayMark, string MakeUpMark,
    string PairingCode, string DeviceName, string Enrol, string Enrolled, string SchoolAdmin, string Auditor, string County,
    string UserName, string PersonName, string Done, string NewPassword, string NewPasswordAgain, string SetPassword, Regex Language)
{
    private static readonly StoryText Chinese = new(
        Name: "名称", FirstDay: "开始日", LastDay: "结束日", Note: "备注", Follows: "按星期几的课表", TermName: "学期名称",
        TermSummary: "1 个假日，1 个调休日", TermSaved: "已保存学期“2026年秋季学期”",
        Kinds: ["学校", "教室（班级）", "作息表", "主讲课表", "成员校需求"], TwoProblems: "发现 2 个问题，未保存任何内容",
        Imported: n => $"已导入 {n} 行", Solved: "排课完成", HolidayMark: "休（假日）", MakeUpMark: "调休：上星期一的课",
        PairingCode: "配对码", DeviceName: "设备名称", Enrol: "登记设备", Enrolled: "已登记", SchoolAdmin: "学校管理员", Auditor: "审计员", County: "全区县",
        UserName: "用户名", PersonName: "姓名", Done: "完成", NewPassword: "新密码", NewPasswordAgain: "再次输入新密码", SetPassword: "设置密码并登录",
        Language: new Regex(@"\p{IsCJKUnifiedIdeographs}"));

    private static readonly StoryText EnglishText = new(
        Name: "Name", FirstDay: "First day", LastDay: "Last day", Note: "Note", Follows: "Follows the timetable of", TermName: "Term name",
        TermSummary: "holidays: 1, make-up days: 1", TermSaved: "Saved the term '2026年秋季学期'",
        Kinds: ["Schools", "Rooms (classes)", "Bell schedules", "Lead timetable", "Member demand"], TwoProblems: "2 problem(s) found; nothing was stored",
        Imported: n => $"Imported {n} rows", Solved: "Pairing finished", HolidayMark: "Holiday", MakeUpMark: "Make-up day: Monday's timetable",
        PairingCode: "Pairing code", DeviceName: "Device name", Enrol: "Enrol device", Enrolled: "Enrolled", SchoolAdmin: "School admin", Auditor: "Auditor", County: "District",
        UserName: "User name", PersonName: "Name", Done: "Done", NewPassword: "New password", NewPasswordAgain: "New password again", SetPassword: "Set password and sign in",
        // Three English words or more and nothing but Latin text, once the Chinese data it quotes (a subject, a school) is taken out.
        Language: new Regex(@"^(?=(?:.*?[A-Za-z]{2,}){3})[\x20-\x7E‘’“”–—…]+$", RegexOptions.Singleline));

    public static StoryText Of(string lang) => lang == "en" ? EnglishText : Chinese;

    public bool English => ReferenceEquals(this, EnglishText);

    /// <summary>A message of the page is in this language: Chinese has Han characters; English has none left once the data it quotes is removed.</summary>
    public void AssertInLanguage(string message)
    {
        var words = English ? Regex.Replace(message, @"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\uFF00-\uFFEF]+", "").Trim() : message;
        Assert.True(Language.IsMatch(words), $"not in the page's language: “{message}”");
    }
}
