using System.Collections.Concurrent;

namespace Classroom.MediaRelay.Rooms;

/// <summary>Routers by lesson id; a router exists while it has sessions.</summary>
internal sealed class RouterRegistry(TimeProvider time, FanOutPool pool)
{
    private readonly ConcurrentDictionary<string, Router> _routers = new(StringComparer.Ordinal);

    public int Count => _routers.Count;

    /// <summary>The fan-out workers every router's consumers are served by.</summary>
    public FanOutPool Pool => pool;

    public IEnumerable<Router> All => _routers.Values;

    /// <summary>Who hears producers come and go in every router (the recorder).</summary>
    public ProducerObservers Observers { get; } = new();

    public Router GetOrCreate(string lessonId) => _routers.GetOrAdd(lessonId, id => new Router(id, time, Remove, pool) { Observers = Observers });

    public bool TryGet(string lessonId, out Router? router) => _routers.TryGetValue(lessonId, out router);

    private void Remove(Router router) => _routers.TryRemove(new KeyValuePair<string, Router>(router.LessonId, router));
}
