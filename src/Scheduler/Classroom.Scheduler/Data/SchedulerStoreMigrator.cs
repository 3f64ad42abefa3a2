using Classroom.Contracts.Privacy;
using Microsoft.Extensions.Logging;

namespace Classroom.Scheduler.Data;

/// <summary>
/// Brings the scheduler's store to the current schema before anything reads it: migrations on a
/// new or migrated database; on a database of the release before migrations, first that release's
/// upgrade steps (in their order), then the initial migration is recorded (<see cref="StoreBaseline"/>).
/// </summary>
internal static class SchedulerStoreMigrator
{
    public static Task MigrateAsync(SchedulerDbContext db, PersonalDataProtector protector, TimeProvider clock, ILogger logger, CancellationToken ct) =>
        StoreBaseline.MigrateAsync(db, async token =>
        {
            await new RosterStoreUpgrade(protector, clock, logger).RunAsync(db, token).ConfigureAwait(false);
            await new LinkKeyStoreUpgrade(logger).RunAsync(db, token).ConfigureAwait(false);
            await SolveJobStoreUpgrade.RunAsync(db, token).ConfigureAwait(false);
        }, ct);
}
