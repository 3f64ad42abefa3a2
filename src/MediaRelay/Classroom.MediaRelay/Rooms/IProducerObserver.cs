namespace Classroom.MediaRelay.Rooms;

/// <summary>Why a producer left its router: the publisher ended it (WHIP DELETE: "end lesson") or it was lost (consent timeout, DTLS, revocation, relay stop).</summary>
internal enum ProducerEnd
{
    Ended,
    Lost,
}

/// <summary>
/// Hears producers come and go in every router (the recorder). Called outside the router's
/// gate on the thread that attached or detached the source, never on the packet path; an
/// observer must return quickly (hand work to its own task).
/// </summary>
internal interface IProducerObserver
{
    /// <summary>A producer got a source (its first, or a new one after it was lost; a replacement source too).</summary>
    void ProducerAttached(Router router, Producer producer);

    /// <summary>A producer lost its source without a replacement and left the router.</summary>
    void ProducerRemoved(Router router, Producer producer, ProducerEnd end);
}

/// <summary>The observers of a registry's routers (an immutable array swapped on add, read lock-free).</summary>
internal sealed class ProducerObservers
{
    private IProducerObserver[] _observers = [];

    public void Add(IProducerObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (this) _observers = [.. _observers, observer];
    }

    public void Remove(IProducerObserver observer)
    {
        lock (this) _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));
    }

    internal void Attached(Router router, Producer producer)
    {
        foreach (var observer in Volatile.Read(ref _observers)) observer.ProducerAttached(router, producer);
    }

    internal void Removed(Router router, Producer producer, ProducerEnd end)
    {
        foreach (var observer in Volatile.Read(ref _observers)) observer.ProducerRemoved(router, producer, end);
    }
}
