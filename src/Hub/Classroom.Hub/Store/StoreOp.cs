namespace Classroom.Hub.Store;

/// <summary>
/// One unit of work for <see cref="StoreWriter"/>. Apply may run twice (once in a batch, again
/// alone if the batch failed), so it must derive everything from the context it is given.
/// </summary>
public abstract class StoreOp
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _done.Task;

    /// <summary>When the operation was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks), for <see cref="HubMetrics.StoreQueueWait"/>.</summary>
    internal long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>A record id this operation will look up, so the writer can fetch a whole batch's ids in one query.</summary>
    public (Type Type, Guid Id)? Prefetch { get; init; }

    public abstract Task ApplyAsync(HubDbContext db, long nowMs, CancellationToken cancellationToken);

    internal void Committed() => _done.TrySetResult();

    internal void Failed(Exception error) => _done.TrySetException(error);
}

/// <summary>A unit of work built from a delegate that returns its result.</summary>
public sealed class StoreOp<T>(Func<HubDbContext, long, CancellationToken, Task<T>> apply) : StoreOp
{
    public T Result { get; private set; } = default!;

    public override async Task ApplyAsync(HubDbContext db, long nowMs, CancellationToken cancellationToken) =>
        Result = await apply(db, nowMs, cancellationToken).ConfigureAwait(false);
}
