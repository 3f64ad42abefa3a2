using System.Text;
using Microsoft.Data.Sqlite;

namespace Classroom.Hub.Tests.Store;

/// <summary>Looks at hub.db as someone holding a copy of the data folder would: raw bytes and raw SQL, no converters.</summary>
internal static class StoredNames
{
    public static bool FilesContain(string folder, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in System.IO.Directory.GetFiles(folder, "hub.db*"))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0) return true;
        }

        return false;
    }

    public static List<string> Raw(string folder)
    {
        using var connection = Open(folder);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"StudentName\" FROM \"Absentees\"";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Writes a mark the way a hub from before name encryption did: the name in clear.</summary>
    public static void InsertClear(string folder, long schoolId, long roomId, string name, long receivedAtMs)
    {
        using var connection = Open(folder);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"Absentees\" (\"Id\", \"LessonId\", \"ClassroomId\", \"SchoolId\", \"StudentName\", \"Absent\", \"MediaTimeMs\", \"ReceivedAtMs\", \"Author\") " +
                              "VALUES ($id, 'L1-20261122', $room, $school, $name, 1, 0, $received, 'room:old')";
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$school", schoolId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$received", receivedAtMs);
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string folder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "hub.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }
}
