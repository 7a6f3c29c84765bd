using Microsoft.Extensions.Options;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>The worker's own connections to the cluster database (schema bootstrap and health), apart from Quartz's pool.</summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    // One constant key for every cluster: schema creation is rare, and a shared key cannot miss a collision.
    private const long SchemaLockKey = 0x4D43_5146_5343_484D; // "MCQFSCHM"

    // Serialises reconciliation passes across workers, so a pass that read the customer source before a customer
    // was removed cannot re-add its job after a later pass deleted it.
    private const long ReconcileLockKey = 0x4D43_5146_5245_434E; // "MCQFRECN"

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
            // No command timeout: a peer may hold the lock for as long as its scheduler takes to start; the host's
            // start-up cancellation bounds the wait.
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken, timeoutSeconds: 0).ConfigureAwait(false);
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

    /// <summary>Runs <paramref name="action"/> if no other worker is reconciling right now (a PostgreSQL advisory lock); returns whether it ran.</summary>
    public async Task<bool> TryRunUnderReconcileLockAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({ReconcileLockKey})", connection);
            await using (command.ConfigureAwait(false))
            {
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                {
                    return false;
                }
            }

            try
            {
                await action(cancellationToken).ConfigureAwait(false);
                return true;
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({ReconcileLockKey})", CancellationToken.None).ConfigureAwait(false);
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        var command = new NpgsqlCommand(sql, connection);
        if (timeoutSeconds is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
