using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.Support;

/// <summary>Reconnect every half second, never give up (a classroom PC stays in its lesson).</summary>
public sealed class ForeverRetry : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(500 + Random.Shared.Next(500));

    /// <summary>
    /// Automatic reconnect does not cover a close the server marks as final (e.g. OnConnectedAsync
    /// failed while Redis was restarting): start again, as hub-client.ts does on close.
    /// </summary>
    public static HubConnection KeepOpen(HubConnection connection, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Closed += async _ =>
        {
            for (var attempt = 0; attempt < 600 && !stop.IsCancellationRequested; attempt++)
            {
                try
                {
                    await Task.Delay(500, stop).ConfigureAwait(false);
                    await connection.StartAsync(stop).ConfigureAwait(false);
                    return;
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    // keep trying
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        };
        return connection;
    }
}
