using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>
/// Hands the outbox rows of a <see cref="PostgreSqlCheckpointStore"/> to an <see cref="IMimecastIncidentSink"/> and
/// marks them delivered: at least once, in order per customer. Several relays (processes) may run at once: a
/// customer is relayed by one of them at a time (a transaction-scoped advisory lock per customer), so order holds.
/// </summary>
/// <remarks>
/// <see cref="RunAsync"/> rides through database restarts, failovers and outages: a failed round is logged and tried
/// again after a jittered, capped back-off (see <see cref="MimecastOutboxRelayOptions.MaxRetryDelay"/>); it ends only
/// by cancellation. <c>AddMimecastOutboxRelay</c> runs it as a hosted service.
/// </remarks>
public sealed partial class MimecastOutboxRelay
{
    private readonly IMimecastOutboxStore _store;
    private readonly PostgreSqlFeedSchema _schema;
    private readonly IMimecastIncidentSink _sink;
    private readonly MimecastOutboxRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a relay.</summary>
    /// <param name="store">The store whose outbox is relayed (a <see cref="PostgreSqlCheckpointStore"/>).</param>
    /// <param name="sink">Where events go.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for <see cref="RunAsync"/>'s pauses and back-off; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    public MimecastOutboxRelay(IMimecastOutboxStore store, IMimecastIncidentSink sink, MimecastOutboxRelayOptions? options = null,
        TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new MimecastOutboxRelayOptions();
        options.Validate();
        _store = store;
        _schema = new PostgreSqlFeedSchema(store.DataSource, store.SchemaName);
        _sink = sink;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Relays once: for every customer with undelivered rows that no other relay holds, hands up to
    /// <see cref="MimecastOutboxRelayOptions.BatchSize"/> rows to the sink in order, marking each delivered after the
    /// sink returns. A sink failure stops that customer (its later rows wait, so order holds) and is logged; the
    /// other customers carry on.
    /// </summary>
    /// <param name="cancellationToken">Stops the relay; rows handed over but not yet marked come again.</param>
    /// <returns>How many events were delivered.</returns>
    /// <exception cref="MimecastCheckpointException">The database failed.</exception>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken = default)
    {
        await _store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var schema = _schema;
        try
        {
            var customers = new List<string>();
            await using (var command = _store.DataSource.CreateCommand($"SELECT DISTINCT customer FROM {schema.Outbox} WHERE delivered_at IS NULL"))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    customers.Add(reader.GetString(0));
                }
            }

            var delivered = 0;
            foreach (var customer in customers)
            {
                delivered += await RelayCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
            }

            return delivered;
        }
        catch (NpgsqlException ex)
        {
            throw new MimecastCheckpointException($"The outbox in PostgreSQL schema '{schema.Name}' could not be relayed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Relays until cancelled: again at once while events were delivered, after
    /// <see cref="MimecastOutboxRelayOptions.IdleDelay"/> otherwise. A failed round (the database restarting, failing
    /// over or unreachable) is logged and retried after a back-off that doubles from
    /// <see cref="MimecastOutboxRelayOptions.RetryDelay"/> up to <see cref="MimecastOutboxRelayOptions.MaxRetryDelay"/>,
    /// jittered; a failure that waiting will not cure (schema missing, permission denied, authentication) is logged as
    /// an error and retried at the cap. Every pause is measured with the <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops the loop with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>A task that ends only by cancellation.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan pause;
            try
            {
                var delivered = await RelayOnceAsync(cancellationToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    LogRecovered(_logger, failures);
                    failures = 0;
                }

                pause = delivered == 0 ? _options.IdleDelay : TimeSpan.Zero;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                pause = OutboxRelayBackoff.Next(ex, failures, _options, out var transient);
                if (transient)
                {
                    LogTransientFailure(_logger, ex, failures, pause);
                }
                else
                {
                    LogPersistentFailure(_logger, ex, failures, pause);
                }
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> RelayCustomerAsync(string customer, CancellationToken cancellationToken)
    {
        var schema = _schema;
        var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext($1))", connection, transaction))
                {
                    lockCommand.Parameters.Add(new NpgsqlParameter { Value = $"mimecast.sdk.feed.relay:{schema.Name}:{customer}" });
                    if (await lockCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                    {
                        return 0; // another relay is on this customer
                    }
                }

                var rows = new List<(long Seq, string Payload)>();
                await using (var select = new NpgsqlCommand(
                    $"SELECT seq, payload::text FROM {schema.Outbox} WHERE customer = $1 AND delivered_at IS NULL ORDER BY seq LIMIT $2", connection, transaction))
                {
                    select.Parameters.Add(new NpgsqlParameter { Value = customer });
                    select.Parameters.Add(new NpgsqlParameter { Value = _options.BatchSize });
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                var delivered = 0;
                foreach (var (seq, payload) in rows)
                {
                    MimecastFeedEvent incident;
                    try
                    {
                        incident = MimecastFeedJson.DeserializeEvent(payload);
                    }
                    catch (FormatException ex)
                    {
                        LogCorruptRow(_logger, ex, customer, seq);
                        break;
                    }

                    try
                    {
                        await _sink.DeliverAsync(incident, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        LogSinkFailed(_logger, ex, customer, seq);
                        break;
                    }

                    await using var mark = new NpgsqlCommand($"UPDATE {schema.Outbox} SET delivered_at = now() WHERE seq = $1", connection, transaction);
                    mark.Parameters.Add(new NpgsqlParameter { Value = seq });
                    await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    delivered++;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return delivered;
            }
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Mimecast outbox relay: the sink failed for customer '{Customer}' at outbox row {Seq}; that customer's events wait for the next round")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string customer, long seq);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Mimecast outbox relay: the database failed (attempt {Attempt}, transient: the database is restarting, failing over or unreachable); retrying in {Delay}")]
    private static partial void LogTransientFailure(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Mimecast outbox relay: the round failed (attempt {Attempt}) with an error that waiting will not cure (schema missing, permission denied, authentication, or a fault); retrying in {Delay}: fix the cause")]
    private static partial void LogPersistentFailure(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Mimecast outbox relay: the database is back after {Failures} failed round(s); relaying again")]
    private static partial void LogRecovered(ILogger logger, int failures);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Mimecast outbox relay: outbox row {Seq} of customer '{Customer}' cannot be read as an event; that customer's relay is stopped at it until the row is fixed")]
    private static partial void LogCorruptRow(ILogger logger, Exception exception, string customer, long seq);
}
