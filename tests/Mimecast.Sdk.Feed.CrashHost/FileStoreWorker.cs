namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>
/// The file store the way its contract asks to be used: poll, hand the batch to the sink (durable when it returns),
/// then commit (the checkpoint file is replaced atomically). A crash after the sink write and before the checkpoint
/// save delivers that batch again: the only duplicates the file store allows.
/// </summary>
internal sealed class FileStoreWorker(IMimecastClientFactory clients, HostArguments arguments) : ICrashWorker
{
    private readonly FileCheckpointStore _store = new(arguments.CheckpointDirectory ?? throw new ArgumentException("--checkpoints is required for the file store."));
    private readonly FileSink _sink = new(arguments.SinkFile ?? throw new ArgumentException("--sink is required for the file store."));
    private readonly Dictionary<string, MimecastIncidentFeed> _feeds = new(StringComparer.Ordinal);
    private int _batches;

    public async Task<int> RunCustomerAsync(string customer, CancellationToken cancellationToken)
    {
        if (!_feeds.TryGetValue(customer, out var feed))
        {
            _feeds[customer] = feed = new MimecastIncidentFeed(clients, _store, FeedOptions.For(customer, arguments));
        }

        var tag = $"{Environment.ProcessId}.{++_batches}";
        Markers.Write(Markers.Poll, customer, tag);
        var batch = await feed.PollAsync(cancellationToken).ConfigureAwait(false);
        Markers.Write(Markers.Polled, customer, tag, batch.Events.Count);
        if (batch.Events.Count > 0)
        {
            Markers.Write(Markers.Deliver, customer, tag, batch.Events.Count);
            await _sink.AppendAsync([.. batch.Events.Select(e => EventRecords.ToRecord(e, tag))], customer, tag, cancellationToken).ConfigureAwait(false);
            Markers.Write(Markers.Delivered, customer, tag, batch.Events.Count);
        }

        Markers.Write(Markers.Commit, customer, tag, batch.Events.Count);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        Markers.Write(Markers.Committed, customer, tag, batch.Events.Count);
        return batch.Events.Count;
    }

    public Task<int> RelayAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    public ValueTask DisposeAsync()
    {
        _sink.Dispose();
        return ValueTask.CompletedTask;
    }
}
