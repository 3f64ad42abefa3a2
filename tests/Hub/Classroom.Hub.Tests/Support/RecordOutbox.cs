using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.Support;

/// <summary>
/// The .NET twin of web/src/shared/outbox.ts: a record stays queued until the hub acknowledges
/// it (the method's return value). Transport failures, "unavailable" and "rate_limited" leave it
/// queued for the next attempt (after a delay, or on reconnect); any other typed error drops it
/// as rejected. Records are sent one at a time in order.
/// </summary>
public sealed class RecordOutbox(HubConnection connection)
{
    private readonly ConcurrentQueue<(string Method, object Record, Guid Id)> _pending = new();

    public int Pending => _pending.Count;

    public ConcurrentBag<Guid> Acknowledged { get; } = [];

    public ConcurrentBag<(Guid Id, string Code)> Rejected { get; } = [];

    public void Add(string method, object record, Guid id) => _pending.Enqueue((method, record, id));

    /// <summary>Sends until empty or the deadline; returns true when everything was acknowledged or rejected.</summary>
    public async Task<bool> DrainAsync(DateTimeOffset deadline, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (_pending.TryPeek(out var next))
        {
            if (time.GetUtcNow() > deadline) return false;
            if (connection.State != HubConnectionState.Connected)
            {
                await Task.Delay(200).ConfigureAwait(false);
                continue;
            }

            try
            {
                await connection.InvokeCoreAsync(next.Method, typeof(object), [next.Record]).WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                _pending.TryDequeue(out _);
                Acknowledged.Add(next.Id);
            }
            catch (HubException e) when (TestClient.ErrorCode(e.Message) is not ("unavailable" or "rate_limited" or "unexpected"))
            {
                _pending.TryDequeue(out _);
                Rejected.Add((next.Id, TestClient.ErrorCode(e.Message)));
            }
            catch (Exception)
            {
                // Not acknowledged: keep it and try again shortly (the reconnect may be under way).
                await Task.Delay(300).ConfigureAwait(false);
            }
        }

        return true;
    }
}
