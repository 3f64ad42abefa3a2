using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Identity.Store;
using Classroom.Scheduler.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Server.Hosting;

/// <summary>
/// With <c>--seed-demo true</c> (the README's first command): accounts for the demo alliance so a
/// newcomer can sign in at once — a district admin, a school admin of the first member school, the
/// teacher of the demo music lessons, a student of a paired class — and one classroom PC already
/// enrolled. Printed at start; never created unless asked for.
/// </summary>
internal sealed class DemoAccounts(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public const string Password = "classroom-2026";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var identity = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        if (await identity.Users.AnyAsync(cancellationToken)) return;
        var scheduler = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var alliance = await scheduler.Alliances.AsNoTracking().OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (alliance is null) return;
        var lead = await scheduler.Schools.AsNoTracking().FirstAsync(s => s.AllianceId == alliance.Id && s.IsLead, cancellationToken);
        var member = await scheduler.Schools.AsNoTracking().Where(s => s.AllianceId == alliance.Id && !s.IsLead).OrderBy(s => s.Id).FirstAsync(cancellationToken);
        var teacher = await scheduler.Teachers.AsNoTracking().Where(t => t.SchoolId == lead.Id).OrderBy(t => t.Id).FirstAsync(cancellationToken);
        var room = await scheduler.Classrooms.AsNoTracking().Where(c => c.SchoolId == member.Id).OrderBy(c => c.Id).FirstAsync(cancellationToken);

        await accounts.CreateAsync("admin", "教育局管理员", [new Grant(AccountRole.DistrictAdmin)], Password, cancellationToken);
        await accounts.CreateAsync("school", member.Name + "教务", [new Grant(AccountRole.SchoolAdmin, alliance.Id, member.Id)], Password, cancellationToken);
        await accounts.CreateAsync("wangfang", teacher.Name, [new Grant(AccountRole.Teacher, alliance.Id, lead.Id, null, teacher.Id)], Password, cancellationToken);
        await accounts.CreateAsync("jiaoyan", "县教研员", [new Grant(AccountRole.Researcher)], Password, cancellationToken);
        await accounts.CreateAsync("xiaoming", "小明", [new Grant(AccountRole.Student, alliance.Id, member.Id, room.Id)], Password, cancellationToken);
        var claim = await PreEnrolAsync(identity, scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            alliance.Id, member.Id, room.Id, room.ClassName, cancellationToken);

        var baseUrl = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');
        await Console.Out.WriteLineAsync($"""

            Demo accounts (password {Password}), sign in at {baseUrl}/sign-in.html
              admin     district admin (教育局)
              school    school admin of {member.Name}
              wangfang  teacher {teacher.Name} (lead school {lead.Name})
              jiaoyan   teaching-research staff of the county (教研员: observes and evaluates lessons)
              xiaoming  student of {member.Name} {room.ClassName}
            Classroom PC of {member.Name} {room.ClassName}, already enrolled: open this one-time link
            in the browser that is to be that PC (valid 7 days; it fetches the device's own credential)
              {baseUrl}/vue/kiosk.html#claim={claim}

            """);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Enrols the demo classroom PC as an admin would by pairing code and returns the one-time
    /// "{pairingId}.{pollSecret}" its page claims the credential with — the credential itself never
    /// appears in a URL or on the console.
    /// </summary>
    public static async Task<string> PreEnrolAsync(AccountDbContext db, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
        long allianceId, long schoolId, long classroomId, string name, CancellationToken ct)
    {
        var credential = await EnrolAsync(db, allianceId, schoolId, classroomId, name, ct);
        var poll = Secrets.NewSecret();
        var now = TimeProvider.System.GetUtcNow();
        var request = new PairingRequest
        {
            CodeHash = Secrets.Hash(Secrets.NewSecret()), PollSecretHash = Secrets.Hash(poll), CreatedUtcTicks = now.UtcTicks,
            ExpiresUtcTicks = now.AddDays(7).UtcTicks,
            DeviceId = long.Parse(credential.Split('_')[2], System.Globalization.CultureInfo.InvariantCulture),
            PendingCredential = protection.CreateProtector(Classroom.Identity.Api.DeviceEndpoints.ProtectorPurpose).Protect(credential),
        };
        db.PairingRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return $"{request.Id}.{poll}";
    }

    /// <summary>Enrols a classroom device directly (as an admin would by pairing code) and returns its credential.</summary>
    public static async Task<string> EnrolAsync(AccountDbContext db, long allianceId, long schoolId, long classroomId, string name, CancellationToken ct)
    {
        var secret = Secrets.NewSecret();
        var device = new Device
        {
            Name = name + " 教室电脑", Kind = DeviceKind.Classroom, AllianceId = allianceId, SchoolId = schoolId, ClassroomId = classroomId,
            SecretHash = Secrets.Hash(secret), CreatedUtcTicks = TimeProvider.System.GetUtcNow().UtcTicks, EnrolledBy = "demo",
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync(ct);
        return Secrets.Compose(Secrets.DevicePrefix, device.Id, secret);
    }
}
