using Microsoft.Extensions.Options;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>The worker's own connections to the cluster database (schema bootstrap and health), apart from Quartz's pool.</summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    // One constant key for every cluster: schema creation is rare, and a shared key cannot miss a collision.
    private const long SchemaLockKey = 0x4D43_5146_5343_484D; // "MCQFSCHM"

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    public ClusterDatabase(IOptions<MimecastFeedClusterOptions> options)
    {
        var settings = options.Value;
        _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        _schema = settings.Schema;
    }

    /// <summary>
    /// Runs <paramref name="action"/> (building and starting the scheduler, which creates Quartz's tables) while this
    /// process holds a PostgreSQL advisory lock, after creating the schema. Three workers starting at once on an empty
    /// database run the DDL one after the other; the later ones find everything in place.
    /// </summary>
    public async Task RunUnderSchemaLockAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{_schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken).ConfigureAwait(false);
                await action(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the database clock; returns it with the local clock at the middle of the round trip.</summary>
    public async Task<(DateTimeOffset Database, DateTimeOffset Local)> ReadClocksAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
            await using (command.ConfigureAwait(false))
            {
                var before = time.GetUtcNow();
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                var after = time.GetUtcNow();
                var database = value switch
                {
                    DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                    DateTimeOffset dto => dto,
                    _ => throw new InvalidOperationException("The database returned no time."),
                };
                return (database, before + ((after - before) / 2));
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
