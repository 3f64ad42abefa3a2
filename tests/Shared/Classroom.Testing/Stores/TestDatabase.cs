namespace Classroom.Testing.Stores;

/// <summary>
/// An empty database of one provider for a store contract suite: a SQLite file in a temporary
/// folder (deleted on dispose), or a database on the process's <see cref="PostgresServer"/>
/// (thrown away with the server). Neither exists yet: the store's migrations create it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _folder;

    private TestDatabase(string provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
    }

    /// <summary>"sqlite" or "postgres", the values of the stores' Provider settings.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider, string store)
    {
        if (provider == Postgres)
            return new TestDatabase(provider, (await PostgresServer.SharedAsync().ConfigureAwait(false)).NewDatabase(store), null);
        if (provider != Sqlite) throw new ArgumentException($"unknown provider '{provider}'", nameof(provider));
        var folder = Directory.CreateTempSubdirectory($"classroom-{store}-").FullName;
        // No pooling: the file is deleted when the test ends.
        return new TestDatabase(provider, $"Data Source={Path.Combine(folder, store + ".db")};Pooling=False", folder);
    }

    public ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }

        return ValueTask.CompletedTask;
    }
}
