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
/// into an empty store. Then, in the background, make sure every alliance's current week is solved.
/// </summary>
internal sealed class SchedulerStartup(IServiceProvider services, SigningKeyProvider keys, DemoSeedOptions demo,
    PersonalDataProtector protector, TimeProvider clock, ILogger<SchedulerStartup> logger) : IHostedService
{
    private Task? _warmup;
    private readonly CancellationTokenSource _stopping = new();

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
        }

        _warmup = Task.Run(() => SolveCurrentWeeksAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        if (_warmup is not null) await _warmup.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SolveCurrentWeeksAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var scheduling = scope.ServiceProvider.GetRequiredService<SchedulingService>();
        foreach (var alliance in await db.Alliances.AsNoTracking().ToListAsync(ct))
        {
            var from = AllianceClock.WeekStart(AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone)));
            try
            {
                if (await scheduling.StoredAsync(alliance.Id, from, from.AddDays(6), ct) is null)
                    await scheduling.SolveAsync(alliance.Id, from, from.AddDays(6), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SchedulerLog.BackgroundSolveFailed(logger, e, alliance.Id);
            }
        }
    }
}
