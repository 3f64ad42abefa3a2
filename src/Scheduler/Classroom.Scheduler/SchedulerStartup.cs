using Classroom.Contracts.Privacy;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Demo;
using Classroom.Scheduler.Solving;
using Classroom.Scheduler.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler;

/// <summary>
/// Before the server listens: migrate the store (<see cref="SchedulerStoreMigrator"/>), report a new signing key, seed the demo alliance
/// into an empty store, and queue a solve of every alliance's current week that has no result
/// yet (the solve worker runs it; GET endpoints never solve).
/// </summary>
internal sealed class SchedulerStartup(IServiceProvider services, SigningKeyProvider keys, DemoSeedOptions demo,
    SolveJobQueue jobs, PersonalDataProtector protector, TimeProvider clock, ILogger<SchedulerStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.Created) SchedulerLog.KeyCreated(logger, Path.Combine(keys.DataFolder, "keys"));
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
            await SchedulerStoreMigrator.MigrateAsync(db, protector, clock, logger, cancellationToken);
            if (demo.Enabled && !await db.Alliances.AnyAsync(cancellationToken))
            {
                var id = await DemoAlliance.SeedAsync(db, clock, cancellationToken);
                SchedulerLog.DemoSeeded(logger, id, await db.Schools.CountAsync(s => s.AllianceId == id, cancellationToken));
            }

            await QueueCurrentWeeksAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task QueueCurrentWeeksAsync(SchedulerDbContext db, CancellationToken ct)
    {
        foreach (var alliance in await db.Alliances.AsNoTracking().ToListAsync(ct))
        {
            var from = AllianceClock.WeekStart(AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone)));
            var to = from.AddDays(6);
            if (!await db.SolveRuns.AnyAsync(r => r.AllianceId == alliance.Id && r.From == from && r.To == to, ct))
                await jobs.EnqueueAsync(alliance.Id, from, to, ct);
        }
    }
}
