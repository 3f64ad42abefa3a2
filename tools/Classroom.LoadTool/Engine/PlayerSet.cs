using Classroom.LoadTool.Stats;
using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Client;

namespace Classroom.LoadTool.Engine;

/// <summary>
/// Joins the players on their schedule (evenly over the ramp, at most a few joins in flight),
/// keeps their clients, and closes them all at the end.
/// </summary>
internal sealed class PlayerSet(LoadSettings settings, IPlayerConnector connector, RunDelays delays)
{
    private readonly List<RelayClient> _clients = [];
    private readonly Lock _gate = new();
    private int _connected;
    private int _failed;

    public PlayerProbe[] Probes { get; } = Enumerable.Range(0, settings.Players).Select(i => new PlayerProbe(i, delays, settings.AudioPayloadType)).ToArray();

    public int Connected => Volatile.Read(ref _connected);

    public int Failed => Volatile.Read(ref _failed);

    public bool AllSettled => Connected + Failed == Probes.Length;

    public Task JoinAllAsync(long startNanos, CancellationToken cancellationToken)
    {
        var slots = new SemaphoreSlim(Math.Max(1, settings.ConnectConcurrency));
        var rampNanos = (long)settings.Ramp.TotalMilliseconds * 1_000_000;
        var joins = Probes.Select(p => JoinAsync(p, startNanos + rampNanos * p.Index / Math.Max(1, Probes.Length), slots, cancellationToken)).ToArray();
        return Task.WhenAll(joins).ContinueWith(_ => slots.Dispose(), TaskScheduler.Default);
    }

    private async Task JoinAsync(PlayerProbe probe, long atNanos, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var wait = (atNanos - SendStamp.NowNanos()) / 1_000_000;
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
            // The join clock starts before queueing for a slot: a join that waits counts as slow.
            probe.JoinStartNanos = SendStamp.NowNanos();
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.ConnectTimeout);
                var client = await connector.ConnectAsync(probe.Index, probe.OnPacket, timeout.Token).ConfigureAwait(false);
                // Connected = the moment the keys were exported (the client's own stamp): packets held
                // during the join are decrypted right after it, so a keyframe never precedes it.
                probe.Timings = client.Timings;
                probe.ConnectedNanos = client.Timings.DtlsDone != 0 ? SendStamp.ToNanos(client.Timings.DtlsDone) : SendStamp.NowNanos();
                lock (_gate) _clients.Add(client);
                Interlocked.Increment(ref _connected);
            }
            finally
            {
                slots.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            probe.Failure = e is OperationCanceledException ? "join timed out or not joined within the run" : e.Message;
            Interlocked.Increment(ref _failed);
        }
    }

    public async Task CloseAllAsync()
    {
        RelayClient[] clients;
        lock (_gate) clients = [.. _clients];
        foreach (var client in clients) client.Observer = null;
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    public long TotalPackets() => Probes.Sum(p => p.Packets);

    public int WithKeyframe() => Probes.Count(p => p.FirstKeyframeNanos != 0);
}
