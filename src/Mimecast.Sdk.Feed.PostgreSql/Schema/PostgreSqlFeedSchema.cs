using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>
/// Creates and checks the store's tables on first use. Idempotent and safe when several processes start at once: the
/// whole migration runs in one transaction under a transaction-scoped advisory lock keyed by the schema name, so one
/// process creates the tables and the others wait, then find them. <c>schema_version</c> lists the applied versions,
/// so a later package version can migrate forward; a database migrated by a newer package is refused.
/// </summary>
internal sealed class PostgreSqlFeedSchema
{
    internal const int CurrentVersion = 1;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _lock = new();
    private Task? _creation;

    internal PostgreSqlFeedSchema(NpgsqlDataSource dataSource, string schemaName)
    {
        _dataSource = dataSource;
        Name = schemaName;
        var q = Quoted;
        Checkpoint = $"{q}.checkpoint";
        Outbox = $"{q}.outbox";
        Version = $"{q}.schema_version";
    }

    internal string Name { get; }

    internal string Checkpoint { get; }

    internal string Outbox { get; }

    internal string Version { get; }

    private string Quoted => $"\"{Name}\"";

    internal Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // One creation per store; a failed or cancelled one is tried again by the next caller.
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync();
            }

            return _creation.IsCompletedSuccessfully ? Task.CompletedTask : _creation.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await MigrateAsync(connection, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                // One lock per schema name: concurrent first uses by several processes run one at a time.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtext($1))") { Parameters = { new() { Value = "mimecast.sdk.feed.schema:" + Name } } });
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"CREATE SCHEMA IF NOT EXISTS {Quoted}"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"CREATE TABLE IF NOT EXISTS {Version} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"));
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int applied;
            await using (var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {Version}", connection, transaction))
            {
                applied = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (applied > CurrentVersion)
            {
                throw new MimecastCheckpointException(
                    $"The PostgreSQL schema '{Name}' is at version {applied}, written by a newer Mimecast.Sdk.Feed.PostgreSql; this package reads version {CurrentVersion}. Upgrade the package.");
            }

            if (applied < 1)
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    CREATE TABLE {Checkpoint} (
                        customer   text PRIMARY KEY,
                        state      jsonb NOT NULL,
                        version    bigint NOT NULL,
                        updated_at timestamptz NOT NULL DEFAULT now());
                    CREATE TABLE {Outbox} (
                        seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        customer     text NOT NULL,
                        event_id     text NOT NULL,
                        kind         text NOT NULL,
                        event_time   timestamptz NOT NULL,
                        payload      jsonb NOT NULL,
                        created_at   timestamptz NOT NULL DEFAULT now(),
                        delivered_at timestamptz NULL,
                        CONSTRAINT outbox_customer_event_id UNIQUE (customer, event_id));
                    CREATE INDEX outbox_pending ON {Outbox} (customer, seq) WHERE delivered_at IS NULL;
                    INSERT INTO {Version} (version) VALUES (1);
                    """, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
