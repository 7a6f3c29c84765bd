using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>
/// Keeps the incident feed's checkpoints in PostgreSQL, one row per customer (every kind in a <c>jsonb</c> state with
/// a <c>version</c> number), and the events of every accepted batch in an outbox table unique on (customer, event id).
/// </summary>
/// <remarks>
/// <para>
/// <b>Commit.</b> <see cref="CommitAsync(string, MimecastCheckpointVersion, MimecastFeedState, IReadOnlyList{MimecastFeedEvent}, CancellationToken)"/>
/// moves the checkpoint and inserts the batch's events into the outbox in <b>one transaction</b>, and only if the
/// row's version is still the one read when the poll began (optimistic fencing): a feed that was paused and resumed,
/// or raced by another process, gets <see cref="MimecastCheckpointConflictException"/> and writes nothing.
/// <see cref="CommitInTransactionAsync(MimecastFeedBatch, NpgsqlTransaction, CancellationToken)"/> does the same inside your own
/// transaction, so your own rows and the checkpoint commit or roll back together.
/// </para>
/// <para>
/// <b>Delivery contract.</b> Every event reaches the outbox exactly once per customer (the unique key and the fencing
/// make a duplicate row impossible), and <see cref="MimecastOutboxRelay"/> hands each row to your
/// <see cref="IMimecastIncidentSink"/> at least once, in order per customer, with the event id as idempotency key.
/// </para>
/// <para>
/// <b>Schema.</b> Created on first use in <see cref="PostgreSqlCheckpointStoreOptions.SchemaName"/> (tables
/// <c>checkpoint</c>, <c>outbox</c>, <c>schema_version</c>), idempotently and safely when several processes start at
/// once. The database role needs the right to create a schema (or the schema must exist and be writable).
/// </para>
/// <para>
/// <b>A broken fence shows.</b> An event the outbox already holds is skipped, not stored twice; each skip is counted
/// (<c>mimecast.feed.outbox_duplicates_skipped</c> on the meter <c>Mimecast.Sdk.Feed.PostgreSql</c>) and logged as a
/// warning, because with working fencing it never happens.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlCheckpointStore : IMimecastCheckpointStore, IMimecastOutboxStore, IAsyncDisposable
{
    /// <summary>The name of the store's meter.</summary>
    public const string MeterName = "Mimecast.Sdk.Feed.PostgreSql";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly ILogger _logger;
    private readonly Counter<long> _duplicatesSkipped;

    /// <summary>Creates a store over a data source (shared with your code; not disposed by the store), with the default settings.</summary>
    /// <param name="dataSource">The data source.</param>
    public PostgreSqlCheckpointStore(NpgsqlDataSource dataSource)
        : this(dataSource, null, ownsDataSource: false, null, null)
    {
    }

    /// <summary>Creates a store over a data source (shared with your code; not disposed by the store).</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    public PostgreSqlCheckpointStore(NpgsqlDataSource dataSource, PostgreSqlCheckpointStoreOptions? options)
        : this(dataSource, options, ownsDataSource: false, null, null)
    {
    }

    /// <summary>
    /// Creates a store over a data source (shared with your code; not disposed by the store), with a logger and a
    /// meter factory. <see cref="PostgreSqlCheckpointStoreOptions.StalledTransactionTimeout"/> is not applied to a
    /// data source you built: set <c>idle_in_transaction_session_timeout</c> in its connection string yourself.
    /// </summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="logger">The logger for skipped duplicates, if any.</param>
    /// <param name="meterFactory">The meter factory, if any (a process-wide meter otherwise).</param>
    public PostgreSqlCheckpointStore(NpgsqlDataSource dataSource, PostgreSqlCheckpointStoreOptions? options, ILogger? logger, IMeterFactory? meterFactory)
        : this(dataSource, options, ownsDataSource: false, logger, meterFactory)
    {
    }

    /// <summary>Creates a store over a connection string (the store owns its data source; dispose the store), with the default settings.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public PostgreSqlCheckpointStore(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>Creates a store over a connection string (the store owns its data source; dispose the store).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    public PostgreSqlCheckpointStore(string connectionString, PostgreSqlCheckpointStoreOptions? options)
        : this(connectionString, options, null, null)
    {
    }

    /// <summary>
    /// Creates a store over a connection string (the store owns its data source; dispose the store), with a logger and
    /// a meter factory. Its connections end a transaction left idle for
    /// <see cref="PostgreSqlCheckpointStoreOptions.StalledTransactionTimeout"/>.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="logger">The logger for skipped duplicates, if any.</param>
    /// <param name="meterFactory">The meter factory, if any (a process-wide meter otherwise).</param>
    public PostgreSqlCheckpointStore(string connectionString, PostgreSqlCheckpointStoreOptions? options, ILogger? logger, IMeterFactory? meterFactory)
        : this(CreateDataSource(connectionString, options), options, ownsDataSource: true, logger, meterFactory)
    {
    }

    private PostgreSqlCheckpointStore(NpgsqlDataSource dataSource, PostgreSqlCheckpointStoreOptions? options, bool ownsDataSource, ILogger? logger, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlCheckpointStoreOptions();
        options.Validate();
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _logger = logger ?? NullLogger.Instance;
        var meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _duplicatesSkipped = meter.CreateCounter<long>("mimecast.feed.outbox_duplicates_skipped", "{event}",
            "Events a commit offered that the outbox already held (skipped, not stored twice): with working fencing always 0.");
        SchemaName = options.SchemaName;
        Schema = new PostgreSqlFeedSchema(dataSource, options.SchemaName);
    }

    /// <summary>Gets the schema holding the store's tables.</summary>
    public string SchemaName { get; }

    /// <summary>Gets the data source of the store's connections (the outbox relay reads through it).</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    internal PostgreSqlFeedSchema Schema { get; }

    /// <summary>Creates the schema and tables if they do not exist yet (also done by the first load or commit).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the schema is ready.</returns>
    /// <exception cref="MimecastCheckpointException">The database refused the schema, or it was migrated by a newer package.</exception>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new MimecastCheckpointException($"The PostgreSQL schema '{SchemaName}' of the Mimecast feed could not be created: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _dataSource.CreateCommand($"SELECT state::text, version FROM {Schema.Checkpoint} WHERE customer = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = customerName });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return MimecastCheckpointSnapshot.Fresh;
            }

            var json = reader.GetString(0);
            var version = reader.GetInt64(1);
            MimecastFeedState state;
            try
            {
                state = MimecastFeedJson.DeserializeState(json);
            }
            catch (FormatException ex)
            {
                throw new MimecastCheckpointException($"The PostgreSQL checkpoint of customer '{customerName}' in schema '{SchemaName}' is corrupt: {ex.Message}", null, customerName, ex);
            }

            return new MimecastCheckpointSnapshot(state, ToVersion(version));
        }
        catch (NpgsqlException ex)
        {
            throw new MimecastCheckpointException($"The PostgreSQL checkpoint of customer '{customerName}' could not be read: {ex.Message}", null, customerName, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        Check(customerName, newState, events);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var version = await WriteAsync(transaction, customerName, expectedVersion, newState, events, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return version;
                }
            }
        }
        catch (NpgsqlException ex)
        {
            throw new MimecastCheckpointException($"The PostgreSQL checkpoint of customer '{customerName}' could not be committed: {ex.Message}", null, customerName, ex);
        }
    }

    /// <summary>
    /// Writes a commit inside <paramref name="transaction"/>, which you own: the checkpoint moves and the outbox rows
    /// appear only if you commit it; roll it back and nothing happened. Fenced like the other overload.
    /// </summary>
    /// <param name="transaction">Your open transaction (its connection must reach the store's database).</param>
    /// <param name="customerName">The customer name.</param>
    /// <param name="expectedVersion">The version the batch was polled from.</param>
    /// <param name="newState">The new state.</param>
    /// <param name="events">The batch's events.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The version the state has once <paramref name="transaction"/> commits.</returns>
    /// <exception cref="MimecastCheckpointConflictException">Another feed committed first: roll back your transaction.</exception>
    public async ValueTask<MimecastCheckpointVersion> CommitStateInTransactionAsync(NpgsqlTransaction transaction, string customerName, MimecastCheckpointVersion expectedVersion,
        MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Check(customerName, newState, events);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WriteAsync(transaction, customerName, expectedVersion, newState, events, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new MimecastCheckpointException($"The PostgreSQL checkpoint of customer '{customerName}' could not be committed: {ex.Message}", null, customerName, ex);
        }
    }

    /// <summary>
    /// Accepts <paramref name="batch"/> inside <paramref name="transaction"/>, which you own: write your own rows (for
    /// example incidents) in the same transaction, then commit it, and the events and the checkpoint move together
    /// (exactly once). If you roll back, the feed's next poll returns the same events again.
    /// </summary>
    /// <param name="batch">The batch, from a feed over this store.</param>
    /// <param name="transaction">Your open transaction.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the commit is written into <paramref name="transaction"/>.</returns>
    /// <exception cref="MimecastCheckpointConflictException">Another feed committed first: roll back your transaction.</exception>
    public Task CommitInTransactionAsync(MimecastFeedBatch batch, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(transaction);
        return batch.CommitThroughAsync((customer, expected, state, events, ct) => CommitStateInTransactionAsync(transaction, customer, expected, state, events, ct), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>Returns the schema name (never the connection string).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"PostgreSQL checkpoint store (schema '{SchemaName}')";

    private async Task<MimecastCheckpointVersion> WriteAsync(NpgsqlTransaction transaction, string customerName, MimecastCheckpointVersion expectedVersion,
        MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction is already completed.", nameof(transaction));
        var state = MimecastFeedJson.SerializeState(newState);
        long next;
        if (expectedVersion.IsNone)
        {
            // First commit of the customer: the insert loses (0 rows) when another feed inserted first.
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {Schema.Checkpoint} (customer, state, version) VALUES ($1, $2::jsonb, 1) ON CONFLICT (customer) DO NOTHING", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = customerName });
            insert.Parameters.Add(new NpgsqlParameter { Value = state });
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new MimecastCheckpointConflictException(customerName, expectedVersion, null);
            }

            next = 1;
        }
        else
        {
            // The row lock orders racing commits; the loser re-checks the version after the winner commits and matches nothing.
            var expected = long.Parse(expectedVersion.Token, NumberStyles.None, CultureInfo.InvariantCulture);
            await using var update = new NpgsqlCommand(
                $"UPDATE {Schema.Checkpoint} SET state = $2::jsonb, version = version + 1, updated_at = now() WHERE customer = $1 AND version = $3", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = customerName });
            update.Parameters.Add(new NpgsqlParameter { Value = state });
            update.Parameters.Add(new NpgsqlParameter { Value = expected });
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new MimecastCheckpointConflictException(customerName, expectedVersion, null);
            }

            next = expected + 1;
        }

        if (events.Count > 0)
        {
            var ids = new string[events.Count];
            var kinds = new string[events.Count];
            var times = new DateTime[events.Count];
            var payloads = new string[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (!string.Equals(e.CustomerName, customerName, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Event '{e.Id}' belongs to customer '{e.CustomerName}', not '{customerName}'.", nameof(events));
                }

                ids[i] = e.Id;
                kinds[i] = e.Kind.Name;
                times[i] = e.Time.UtcDateTime;
                payloads[i] = MimecastFeedJson.SerializeEvent(e);
            }

            // Rows get their sequence numbers in delivery order; an id already in the outbox is kept, not duplicated.
            await using var outbox = new NpgsqlCommand(
                $"""
                INSERT INTO {Schema.Outbox} (customer, event_id, kind, event_time, payload)
                SELECT $1, e.id, e.kind, e.time, e.payload::jsonb
                FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[]) WITH ORDINALITY AS e(id, kind, time, payload, n)
                ORDER BY e.n
                ON CONFLICT (customer, event_id) DO NOTHING
                """, connection, transaction);
            outbox.Parameters.Add(new NpgsqlParameter { Value = customerName });
            outbox.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            outbox.Parameters.Add(new NpgsqlParameter { Value = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            outbox.Parameters.Add(new NpgsqlParameter { Value = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            outbox.Parameters.Add(new NpgsqlParameter { Value = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            var skipped = events.Count - await outbox.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (skipped > 0)
            {
                // With working fencing a commit never offers an event the outbox holds: this is the sign of a broken fence.
                _duplicatesSkipped.Add(skipped);
                LogDuplicatesSkipped(_logger, skipped, events.Count, customerName, next);
            }
        }

        return ToVersion(next);
    }

    private static void Check(string customerName, MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        ArgumentNullException.ThrowIfNull(newState);
        ArgumentNullException.ThrowIfNull(events);
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString, PostgreSqlCheckpointStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var timeout = (options ?? new PostgreSqlCheckpointStoreOptions()).StalledTransactionTimeout;
        return NpgsqlDataSource.Create(PostgreSqlConnectionSettings.WithStalledTransactionTimeout(connectionString, timeout));
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Mimecast outbox: {Skipped} of {Offered} event(s) committed for customer '{Customer}' (checkpoint version {Version}) were already in the outbox and were skipped; with working fencing this never happens: look for two feeds committing one customer")]
    private static partial void LogDuplicatesSkipped(ILogger logger, int skipped, int offered, string customer, long version);

    private static MimecastCheckpointVersion ToVersion(long version) => new(version.ToString(CultureInfo.InvariantCulture));
}
