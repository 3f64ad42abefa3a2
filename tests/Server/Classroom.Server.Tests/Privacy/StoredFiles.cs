using System.Text;
using Microsoft.Data.Sqlite;

namespace Classroom.Server.Tests.Privacy;

/// <summary>Looks at a store as an attacker holding a copy of the data folder would: the raw bytes and raw SQL.</summary>
internal static class StoredFiles
{
    /// <summary>True when any file of the SQLite database (main file, WAL, shared memory) contains the text in UTF-8.</summary>
    public static bool Contain(string dataFolder, string databaseFile, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in Directory.GetFiles(dataFolder, databaseFile + "*"))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0) return true;
        }

        return false;
    }

    /// <summary>The values of one column as stored, read without the application's converters.</summary>
    public static List<string> Column(string dataFolder, string databaseFile, string table, string column)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, databaseFile)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"{table}\"";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>
    /// What turns a scheduler store made by this version back into one made by the last release
    /// before migrations: no migrations history, and none of what the migrations after Initial
    /// added (each later migration's columns go here, so the upgrade tests replay it).
    /// </summary>
    public static readonly string[] SchedulerBeforeMigrations =
    [
        "DROP TABLE \"__EFMigrationsHistory\"",
        "ALTER TABLE \"BellSchedules\" DROP COLUMN \"SeasonFrom\"",
        "ALTER TABLE \"BellSchedules\" DROP COLUMN \"SeasonTo\"",
        "DROP TABLE \"Districts\"",
        "ALTER TABLE \"Alliances\" DROP COLUMN \"LessonSource\"",
        "ALTER TABLE \"Alliances\" DROP COLUMN \"LessonSourceAlliances\"",
        "ALTER TABLE \"Classrooms\" DROP COLUMN \"MixedGrades\"",
        "ALTER TABLE \"Demands\" DROP COLUMN \"Grade\"",
        "ALTER TABLE \"SolveJobs\" DROP COLUMN \"DistrictWide\"",
        "ALTER TABLE \"SolveRuns\" DROP COLUMN \"DistrictJobId\"",
        "ALTER TABLE \"SolveRuns\" DROP COLUMN \"ChangesJson\"",
        "DROP INDEX \"IX_LeadLessons_StudioId_OneOffDate\"",
        "ALTER TABLE \"LeadLessons\" DROP COLUMN \"BookedRooms\"",
        "ALTER TABLE \"LeadLessons\" DROP COLUMN \"OneOffDate\"",
        "CREATE INDEX \"IX_LeadLessons_StudioId\" ON \"LeadLessons\" (\"StudioId\")",
        "DROP INDEX \"IX_Studios_StreamKeyHash\"",
        "ALTER TABLE \"Studios\" DROP COLUMN \"StreamKeyHash\"",
        "ALTER TABLE \"Studios\" DROP COLUMN \"StreamKeyRotatedUtcTicks\"",
        "ALTER TABLE \"Schools\" DROP COLUMN \"StageRecordingConsent\"",
        "ALTER TABLE \"LeadLessons\" DROP COLUMN \"RecordingEnabled\"",
        "ALTER TABLE \"Alliances\" DROP COLUMN \"RecordingRetentionDays\"",
    ];

    /// <summary>Runs statements on the database file directly (to make it look like one written by an older version).</summary>
    public static void Execute(string dataFolder, string databaseFile, params string[] statements)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, databaseFile)};Pooling=False");
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
