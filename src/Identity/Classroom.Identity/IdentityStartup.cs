using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity;

/// <summary>Migrates the account store before the server listens; then deletes audit rows past their retention once a day.</summary>
internal sealed class IdentityStartup(IDbContextFactory<AccountDbContext> contexts, IOptions<AccountOptions> options, TimeProvider clock,
    ILogger<IdentityStartup> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            await AccountStore.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        try
        {
            do
            {
                await RunRetentionAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    public async Task<int> RunRetentionAsync(CancellationToken ct)
    {
        var days = options.Value.AuditRetentionDays;
        var edge = clock.GetUtcNow().AddDays(-days).UtcTicks;
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var n = await db.Audit.Where(a => a.AtUtcTicks < edge).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        if (n > 0) IdentityLog.AuditRetention(logger, n, days);
        return n;
    }
}
