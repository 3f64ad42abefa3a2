using System.Data.Common;

namespace Classroom.Testing.Stores;

/// <summary>
/// The columns of a SQLite or PostgreSQL database as sorted "table.column type null|not null"
/// lines, to compare a database upgraded from an older release with one made by the migrations.
/// Column order and defaults are left out: an upgrade step appends columns and may give defaults.
/// </summary>
public static class StoreSchema
{
    public static async Task<IReadOnlyList<string>> ColumnsAsync(DbConnection connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sqlite = connection.GetType().Name.Contains("Sqlite", StringComparison.Ordinal);
        var sql = sqlite
            ? "SELECT m.name, p.name, p.type, p.\"notnull\" FROM sqlite_master m JOIN pragma_table_info(m.name) p " +
              "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EFMigrations%'"
            : "SELECT table_name::text, column_name::text, data_type::text, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END " +
              "FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'";
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows.Add($"{reader.GetString(0)}.{reader.GetString(1)} {reader.GetString(2)} {(Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 1 ? "not null" : "null")}");
            rows.Sort(StringComparer.Ordinal);
            return rows;
        }
        finally
        {
            if (opened) await connection.CloseAsync().ConfigureAwait(false);
        }
    }
}
