using System.Collections.Concurrent;

namespace Classroom.MediaRelay.Rooms;

/// <summary>Rooms by lesson id; a room exists while it has sessions.</summary>
internal sealed class RoomRegistry(TimeProvider time, FanOutPool pool)
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    public int Count => _rooms.Count;

    /// <summary>The fan-out workers every room's players are served by.</summary>
    public FanOutPool Pool => pool;

    public IEnumerable<Room> All => _rooms.Values;

    public Room GetOrCreate(string lessonId) => _rooms.GetOrAdd(lessonId, id => new Room(id, time, Remove, pool));

    public bool TryGet(string lessonId, out Room? room) => _rooms.TryGetValue(lessonId, out room);

    private void Remove(Room room) => _rooms.TryRemove(new KeyValuePair<string, Room>(room.LessonId, room));
}
