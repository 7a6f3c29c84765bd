using System.Text;
using Mimecast.Sdk.Feed;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// One way a worker runs the incident feed for figure 9: a checkpoint store plus the way batches reach the sink.
/// Every pipeline ends in the same sink (an append-only file, flushed to disk once per batch), so the difference
/// between two pipelines is the store's own cost.
/// </summary>
internal interface IFeedPipeline : IAsyncDisposable
{
    string Name { get; }

    MimecastIncidentFeed CreateFeed(IMimecastClientFactory clients, MimecastIncidentFeedOptions options);

    /// <summary>Polls one customer, delivers the batch to the sink and commits; returns the events delivered.</summary>
    Task<int> RunOnceAsync(MimecastIncidentFeed feed, CancellationToken cancellationToken);
}

/// <summary>The sink every pipeline ends in: one JSON-ish line per event, fsync per batch.</summary>
internal sealed class BenchSink : IDisposable
{
    private readonly FileStream _stream;

    public BenchSink(string path) => _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);

    public long Delivered { get; private set; }

    public async Task WriteAsync(IEnumerable<(string Customer, string EventId)> events, CancellationToken cancellationToken)
    {
        foreach (var (customer, id) in events)
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes($"{customer}\t{id}\n"), cancellationToken).ConfigureAwait(false);
            Delivered++;
        }

        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes one event without flushing (the relay hands events one at a time); see <see cref="FlushToDiskAsync"/>.</summary>
    public async ValueTask WriteOneAsync(string customer, string eventId, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes($"{customer}\t{eventId}\n"), cancellationToken).ConfigureAwait(false);
        Delivered++;
    }

    public async Task FlushToDiskAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>The file store as its contract asks: deliver to the sink, then commit (checkpoint file replaced atomically, fsync).</summary>
internal sealed class FilePipeline : IFeedPipeline
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mimecast-bench-feed", Guid.NewGuid().ToString("N"));
    private readonly FileCheckpointStore _store;
    private readonly BenchSink _sink;

    public FilePipeline()
    {
        Directory.CreateDirectory(_directory);
        _store = new FileCheckpointStore(Path.Combine(_directory, "checkpoints"));
        _sink = new BenchSink(Path.Combine(_directory, "sink.tsv"));
    }

    public string Name => "file store";

    public MimecastIncidentFeed CreateFeed(IMimecastClientFactory clients, MimecastIncidentFeedOptions options) => new(clients, _store, options);

    public async Task<int> RunOnceAsync(MimecastIncidentFeed feed, CancellationToken cancellationToken)
    {
        var batch = await feed.PollAsync(cancellationToken).ConfigureAwait(false);
        if (batch.Events.Count > 0)
        {
            await _sink.WriteAsync(batch.Events.Select(e => (e.CustomerName, e.Id)), cancellationToken).ConfigureAwait(false);
        }

        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch.Events.Count;
    }

    public ValueTask DisposeAsync()
    {
        _sink.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The pipelines figure 9 compares; the first is the baseline.</summary>
internal static class FeedPipelines
{
    public static IReadOnlyList<Func<IFeedPipeline>> All()
    {
        var admin = Environment.GetEnvironmentVariable("MIMECAST_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Console.WriteLine("  note: MIMECAST_TEST_POSTGRES is not set: the PostgreSQL pipeline is left out");
            return [() => new FilePipeline()];
        }

        return [() => new FilePipeline(), () => new PostgresPipeline(admin)];
    }
}
