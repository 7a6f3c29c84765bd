using Mimecast.Sdk.Feed.PostgreSql;
using Npgsql;

namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>
/// The PostgreSQL store as its contract asks: poll, commit (outbox rows + checkpoint in one transaction, fenced by
/// version), then the relay hands outbox rows to the sink (a table the test reads) and marks them delivered. A crash
/// after the sink had a row and before the relay marked it delivered hands that row to the sink again, with the same
/// event id: the only duplicates the sink may see. The outbox itself never holds an event id twice.
/// </summary>
internal sealed class PostgresWorker : ICrashWorker
{
    private readonly IMimecastClientFactory _clients;
    private readonly HostArguments _arguments;
    private readonly PostgreSqlCheckpointStore _store;
    private readonly MimecastOutboxRelay _relay;
    private readonly TableSink _sink;
    private readonly Dictionary<string, MimecastIncidentFeed> _feeds = new(StringComparer.Ordinal);
    private int _batches;

    public PostgresWorker(IMimecastClientFactory clients, HostArguments arguments)
    {
        _clients = clients;
        _arguments = arguments;
        var connectionString = arguments.Postgres ?? throw new ArgumentException("--postgres is required for the PostgreSQL store.");
        _store = new PostgreSqlCheckpointStore(connectionString);
        _sink = new TableSink(connectionString);
        _relay = new MimecastOutboxRelay(_store, _sink, new MimecastOutboxRelayOptions { BatchSize = 20 });
    }

    public async Task<int> RunCustomerAsync(string customer, CancellationToken cancellationToken)
    {
        if (!_feeds.TryGetValue(customer, out var feed))
        {
            _feeds[customer] = feed = new MimecastIncidentFeed(_clients, _store, FeedOptions.For(customer, _arguments));
        }

        var tag = $"{Environment.ProcessId}.{++_batches}";
        Markers.Write(Markers.Poll, customer, tag);
        var batch = await feed.PollAsync(cancellationToken).ConfigureAwait(false);
        Markers.Write(Markers.Polled, customer, tag, batch.Events.Count);
        Markers.Write(Markers.Commit, customer, tag, batch.Events.Count);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        Markers.Write(Markers.Committed, customer, tag, batch.Events.Count);
        return batch.Events.Count;
    }

    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var tag = $"{Environment.ProcessId}.r{++_batches}";
        _sink.Begin(tag);
        Markers.Write(Markers.Relay, "-", tag);
        var delivered = await _relay.RelayOnceAsync(cancellationToken).ConfigureAwait(false);
        Markers.Write(Markers.Relayed, "-", tag, delivered);
        return delivered;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        await _sink.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The user's sink: one row per delivery (duplicates kept, so the test can count them), committed when it returns.</summary>
    private sealed class TableSink(string connectionString) : IMimecastIncidentSink, IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
        private string _tag = "-";
        private int _count;
        private bool _created;

        public void Begin(string tag)
        {
            _tag = tag;
            _count = 0;
        }

        public async ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken)
        {
            if (!_created)
            {
                await using var create = _dataSource.CreateCommand(
                    "CREATE TABLE IF NOT EXISTS crash_sink (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer text NOT NULL, event_id text NOT NULL, content_key text NOT NULL, tag text NOT NULL)");
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }

            var record = EventRecords.ToRecord(incident, _tag);
            await using var insert = _dataSource.CreateCommand("INSERT INTO crash_sink (customer, event_id, content_key, tag) VALUES ($1, $2, $3, $4)");
            insert.Parameters.Add(new() { Value = record.Customer });
            insert.Parameters.Add(new() { Value = record.EventId });
            insert.Parameters.Add(new() { Value = record.Key });
            insert.Parameters.Add(new() { Value = record.Tag });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (++_count == 1)
            {
                Markers.Write(Markers.RelayMid, incident.CustomerName, _tag, _count);
            }
        }

        public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
    }
}
