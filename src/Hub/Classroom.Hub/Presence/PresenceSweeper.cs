using Microsoft.Extensions.Options;

namespace Classroom.Hub.Presence;

/// <summary>Periodically closes presence intervals whose grace period ran out or whose node crashed.</summary>
public sealed class PresenceSweeper(PresenceStore presence, IOptions<LessonHubOptions> options, TimeProvider time, ILogger<PresenceSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var closed = await presence.SweepAsync(stoppingToken).ConfigureAwait(false);
                    if (closed > 0) HubLog.PresenceSwept(logger, closed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    HubLog.StoreFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
