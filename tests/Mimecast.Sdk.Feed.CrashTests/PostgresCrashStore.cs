using Mimecast.Sdk.Feed.CrashHost;
using Npgsql;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>
/// The PostgreSQL store in a database of its own on the server named by MIMECAST_TEST_POSTGRES (created here, dropped
/// on dispose); the host's sink is the table <c>crash_sink</c> in the same database.
/// </summary>
internal sealed class PostgresCrashStore : ICrashStore
{
    private readonly string _admin;
    private readonly string _database = "mimecast_crash_" + Guid.NewGuid().ToString("N");

    private PostgresCrashStore(string admin)
    {
        _admin = admin;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database, Pooling = false }.ConnectionString;
    }

    public string Name => "postgresql";

    public string ConnectionString { get; }

    public IReadOnlyList<string> HostArguments => ["--store", "postgres", "--postgres", ConnectionString];

    public IReadOnlyList<string> KillPhases { get; } = ["page", "polled", "commit", "relay", "relay-mid"];

    /// <summary>The admin connection string, or <see langword="null"/> (with the reason) when it is not set.</summary>
    public static string? AdminConnectionString(out string reason)
    {
        var value = Environment.GetEnvironmentVariable("MIMECAST_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(value))
        {
            reason = string.Empty;
            return value;
        }

        reason = "MIMECAST_TEST_POSTGRES is not set (e.g. Host=127.0.0.1;Port=5432;Username=mimecast;Password=mimecast;Database=postgres)";
        return null;
    }

    public static async Task<PostgresCrashStore> CreateAsync(string admin)
    {
        var store = new PostgresCrashStore(admin);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{store._database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return store;
    }

    public async Task<IReadOnlyList<SinkRecord>> ReadSinkAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT customer, event_id, content_key, tag FROM crash_sink ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<SinkRecord>();
        while (await reader.ReadAsync())
        {
            records.Add(new SinkRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return records;
    }

    /// <summary>The outbox: rows, rows sharing a (customer, event id) with another, rows never marked delivered.</summary>
    public async Task<(long Rows, long DuplicateIds, long Undelivered)> ReadOutboxAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM mimecast_feed.outbox),
                   (SELECT count(*) FROM (SELECT 1 FROM mimecast_feed.outbox GROUP BY customer, event_id HAVING count(*) > 1) d),
                   (SELECT count(*) FROM mimecast_feed.outbox WHERE delivered_at IS NULL)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
