using System.Net;
using System.Text;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// A small alliance built through the API for the solve tests: music on Thursday 第3节 and 第5节
/// (two lead lessons, one teacher), art on Monday, Wednesday and Friday; two village rooms of grade 4.
/// The term's Sunday 2026-11-29 follows Thursday (调休, so music occurs twice that week) and
/// Wednesday 2026-12-02 is a holiday.
/// </summary>
internal static class SolveAlliance
{
    public const string MakeUpWeekFrom = "2026-11-23", MakeUpWeekTo = "2026-11-29";
    public const string HolidayWeekFrom = "2026-11-30", HolidayWeekTo = "2026-12-06";

    private const string Schools = "学校代码,学校名称,是否主讲,带宽(Mbps)\nLEAD,城关一小,是,100\nV1,河湾村小学,否,20\nV2,石桥村小学,否,10\n";
    private const string Classrooms = "学校代码,年级,班级,座位数\nV1,4,4年级1班,30\nV2,4,4年级1班,25\n";
    private const string Timetable =
        "学校代码,星期,节次,学科,年级,教师,录播室,码率\n" +
        "LEAD,周四,第3节,音乐,4,王芳,录播室一,2\nLEAD,周四,第5节,音乐,4,王芳,录播室一,2\n" +
        "LEAD,周一,第3节,美术,4,李静,录播室二,2\nLEAD,周三,第3节,美术,4,李静,录播室二,2\nLEAD,周五,第5节,美术,4,李静,录播室二,2\n";
    private const string Demands =
        "学校代码,班级,学科,每周节数,可上课节次\n" +
        "V1,4年级1班,音乐,2,周四 第3节; 周四 第5节\nV2,4年级1班,音乐,2,周四 第3节; 周四 第5节\n" +
        "V1,4年级1班,美术,2,周一 第3节; 周三 第3节; 周五 第5节\nV2,4年级1班,美术,1,周一 第3节; 周三 第3节; 周五 第5节\n";

    private static string Bells()
    {
        var sb = new StringBuilder("学校代码,作息名称,星期,节次,开始,结束\n");
        foreach (var (school, minutes) in new[] { ("LEAD", 0), ("V1", 5), ("V2", 0) })
        {
            foreach (var day in new[] { "周一", "周二", "周三", "周四", "周五" })
            {
                sb.Append($"{school},常规,{day},第3节,10:{minutes:00},10:{40 + minutes:00}\n");
                sb.Append($"{school},常规,{day},第5节,14:{30 + minutes:00},15:{10 + minutes:00}\n");
            }
        }

        return sb.ToString();
    }

    public static object Term(params object[] more) => new
    {
        name = "2026秋", firstDay = "2026-09-01", lastDay = "2027-01-22",
        specialDays = new object[]
        {
            new { date = "2026-11-29", kind = "MakeUp", followsWeekday = "Thursday", note = "调休" },
            new { date = "2026-12-02", kind = "Holiday", note = "运动会" },
        }.Concat(more).ToArray(),
    };

    /// <summary>Creates the alliance; returns its id and its term's id.</summary>
    public static async Task<(long Alliance, long Term)> BuildAsync(HttpClient admin)
    {
        var id = (await (await admin.PostJsonAsync("/api/alliances", new { name = "排课测试联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        foreach (var (kind, csv) in new[] { ("schools", Schools), ("classrooms", Classrooms), ("bell-schedules", Bells()), ("timetable", Timetable), ("demands", Demands) })
            await (await admin.PostAsync($"/api/alliances/{id}/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync(HttpStatusCode.OK);
        var term = (await (await admin.PostJsonAsync($"/api/alliances/{id}/terms", Term())).ReadAsync(HttpStatusCode.Created)).Id();
        return (id, term);
    }
}
