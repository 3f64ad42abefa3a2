using System.Data.Common;
using System.Globalization;

namespace Classroom.Scheduler.Data;

/// <summary>
/// Plain commands on an open SQLite connection for the start-up store upgrades, which run before
/// the EF model matches the file (the model would not know the columns they add or remove).
/// </summary>
internal static class RawSql
{
    /// <summary>Rows of (id, text) from a two-column query.</summary>
    public static async Task<List<(long Id, string Text)>> IdsAndTextAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        var rows = new List<(long, string)>();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    public static Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken ct) =>
        CountAsync(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name", ct, table);

    public static Task<bool> ColumnExistsAsync(DbConnection connection, DbTransaction? tx, string table, string column, CancellationToken ct) =>
        CountAsync(connection, tx, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $name", ct, column);

    /// <summary>Empties freed pages and the WAL, where values just overwritten would otherwise stay readable.</summary>
    public static async Task CompactAsync(DbConnection connection, CancellationToken ct)
    {
        await ExecuteAsync(connection, null, "VACUUM", ct);
        await ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
    }

    private static async Task<bool> CountAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, string name)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var p = command.CreateParameter();
        p.ParameterName = "$name";
        p.Value = name;
        command.Parameters.Add(p);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }
}
