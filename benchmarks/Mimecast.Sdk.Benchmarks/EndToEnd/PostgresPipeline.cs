using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;
using Npgsql;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// The PostgreSQL store with its outbox: poll, commit (outbox rows + checkpoint in one transaction), then the relay
/// hands the outbox rows to the same file sink (flushed to disk once per relay pass) and marks them delivered. Runs in
/// a database of its own on the server named by MIMECAST_TEST_POSTGRES, dropped afterwards.
/// </summary>
internal sealed class PostgresPipeline : IFeedPipeline, IMimecastIncidentSink
{
    private readonly string _admin;
    private readonly string _database = "mimecast_bench_" + Guid.NewGuid().ToString("N");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mimecast-bench-feed", Guid.NewGuid().ToString("N"));
    private readonly PostgreSqlCheckpointStore _store;
    private readonly MimecastOutboxRelay _relay;
    private readonly BenchSink _sink;

    public PostgresPipeline(string admin)
    {
        _admin = admin;
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            command.ExecuteNonQuery();
        }

        Directory.CreateDirectory(_directory);
        _sink = new BenchSink(Path.Combine(_directory, "sink.tsv"));
        _store = new PostgreSqlCheckpointStore(new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString);
        _relay = new MimecastOutboxRelay(_store, this, new MimecastOutboxRelayOptions { BatchSize = 500 });
    }

    public string Name => "PostgreSQL outbox + relay";

    public MimecastIncidentFeed CreateFeed(IMimecastClientFactory clients, MimecastIncidentFeedOptions options) => new(clients, _store, options);

    public async Task<int> RunOnceAsync(MimecastIncidentFeed feed, CancellationToken cancellationToken)
    {
        var batch = await feed.PollAsync(cancellationToken).ConfigureAwait(false);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (batch.Events.Count > 0)
        {
            await _relay.RelayOnceAsync(cancellationToken).ConfigureAwait(false);
            await _sink.FlushToDiskAsync(cancellationToken).ConfigureAwait(false);
        }

        return batch.Events.Count;
    }

    public ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken) => _sink.WriteOneAsync(incident.CustomerName, incident.Id, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _store.DisposeAsync().ConfigureAwait(false);
            _sink.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
        finally
        {
            // The shared server keeps nothing of a run, also when the cleanup above failed.
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
