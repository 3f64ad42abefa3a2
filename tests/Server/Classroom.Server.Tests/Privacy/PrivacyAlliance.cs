using System.Net;
using System.Text;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Privacy;

/// <summary>A small alliance built through the API: two village schools with one class each.</summary>
internal sealed record PrivacyAlliance(long AllianceId, long SchoolV1, long RoomV1, long SchoolV2, long RoomV2)
{
    public static async Task<PrivacyAlliance> BuildAsync(SchedulerHost host)
    {
        var admin = host.Admin();
        var id = (await (await admin.PostJsonAsync("/api/alliances", new { name = "隐私联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        await ImportAsync(admin, id, "schools", "学校代码,学校名称,是否主讲,带宽(Mbps)\nLEAD,城关一小,是,100\nV1,河湾村小学,否,20\nV2,石桥村小学,否,10\n");
        await ImportAsync(admin, id, "classrooms", "学校代码,年级,班级,座位数\nV1,4,4年级1班,30\nV2,4,4年级1班,25\n");
        return host.Scoped(sp =>
        {
            var db = sp.GetRequiredService<SchedulerDbContext>();
            var rooms = db.Classrooms.AsNoTracking().Include(c => c.School).Where(c => c.School!.AllianceId == id).ToList();
            var v1 = rooms.Single(r => r.School!.Code == "V1");
            var v2 = rooms.Single(r => r.School!.Code == "V2");
            return new PrivacyAlliance(id, v1.SchoolId, v1.Id, v2.SchoolId, v2.Id);
        });
    }

    public static async Task ImportAsync(HttpClient admin, long allianceId, string kind, string csv) =>
        await (await admin.PostAsync($"/api/alliances/{allianceId}/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync(HttpStatusCode.OK);
}
