using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Polls the incident feeds of many customers with a bounded degree of parallelism. Each customer keeps its own
/// checkpoints (per customer and kind) and fails on its own: one customer's error is reported and logged, and the
/// others carry on. Run one round (<see cref="PollOnceAsync"/> or <see cref="RunAsync"/>) at a time.
/// </summary>
public sealed class MimecastMultiCustomerFeed
{
    private readonly MimecastIncidentFeed[] _feeds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a multi-customer feed over existing feeds (one per customer).</summary>
    /// <param name="feeds">The feeds; customer names must be distinct.</param>
    /// <param name="maxDegreeOfParallelism">How many customers are polled at the same time (at least 1).</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    public MimecastMultiCustomerFeed(IEnumerable<MimecastIncidentFeed> feeds, int maxDegreeOfParallelism, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var list = feeds.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one feed is needed.", nameof(feeds));
        }

        if (list.Any(static f => f is null))
        {
            throw new ArgumentException("A feed is null.", nameof(feeds));
        }

        var duplicate = list.GroupBy(static f => f.CustomerName, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Customer '{duplicate.Key}' has more than one feed.", nameof(feeds));
        }

        _feeds = [.. list];
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        PollInterval = list.Min(static f => f.Options.PollInterval);
    }

    /// <summary>Creates one feed per customer from a factory, all sharing one checkpoint store and one set of settings.</summary>
    /// <param name="clientFactory">The factory of customer clients.</param>
    /// <param name="checkpointStore">Where every customer's checkpoints are kept (per customer and kind).</param>
    /// <param name="customerNames">The customers (client names); distinct.</param>
    /// <param name="options">The settings of every feed; <see cref="MimecastIncidentFeedOptions.CustomerName"/> is replaced by each name.</param>
    /// <param name="maxDegreeOfParallelism">How many customers are polled at the same time (at least 1).</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <returns>The multi-customer feed.</returns>
    public static MimecastMultiCustomerFeed Create(IMimecastClientFactory clientFactory, IMimecastCheckpointStore checkpointStore, IEnumerable<string> customerNames,
        MimecastIncidentFeedOptions options, int maxDegreeOfParallelism, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(checkpointStore);
        ArgumentNullException.ThrowIfNull(customerNames);
        ArgumentNullException.ThrowIfNull(options);
        var feeds = customerNames.Select(name =>
        {
            var copy = options.Clone();
            copy.CustomerName = name;
            return new MimecastIncidentFeed(clientFactory.CreateClient(name), checkpointStore, copy, timeProvider, logger);
        });
        return new MimecastMultiCustomerFeed(feeds, maxDegreeOfParallelism, timeProvider, logger);
    }

    /// <summary>Gets the feeds, one per customer.</summary>
    public IReadOnlyList<MimecastIncidentFeed> Feeds => _feeds;

    /// <summary>Gets how many customers are polled at the same time.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Gets the pause between two rounds of <see cref="RunAsync"/>: the shortest <see cref="MimecastIncidentFeedOptions.PollInterval"/> of the feeds.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>
    /// Polls every customer once, at most <see cref="MaxDegreeOfParallelism"/> at a time. For each batch with events,
    /// calls <paramref name="handler"/> (concurrently for different customers, never for one customer twice at once),
    /// then commits the batch once the handler returns; batches without events are committed directly. If the poll or
    /// the handler of a customer throws, that batch is not committed (its events come again next time), the error is
    /// logged and returned in the customer's result, and the other customers carry on.
    /// </summary>
    /// <param name="handler">Processes one customer's batch; it may commit the batch itself.</param>
    /// <param name="cancellationToken">Stops the round with an <see cref="OperationCanceledException"/>; uncommitted batches stay uncommitted.</param>
    /// <returns>One result per customer, in the order of <see cref="Feeds"/>.</returns>
    public async Task<IReadOnlyList<MimecastFeedPollResult>> PollOnceAsync(Func<MimecastFeedBatch, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var results = new MimecastFeedPollResult[_feeds.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, _feeds.Length), parallel, async (index, ct) =>
        {
            var feed = _feeds[index];
            MimecastFeedBatch? batch = null;
            try
            {
                batch = await feed.PollAsync(ct).ConfigureAwait(false);
                if (batch.Events.Count > 0)
                {
                    await handler(batch, ct).ConfigureAwait(false);
                }

                await batch.CommitAsync(ct).ConfigureAwait(false);
                results[index] = new MimecastFeedPollResult(feed.CustomerName, batch.Events.Count, batch.HasMore, true, null);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                FeedLog.CustomerFailed(_logger, ex, feed.CustomerName);
                results[index] = new MimecastFeedPollResult(feed.CustomerName, batch?.Events.Count ?? 0, batch?.HasMore ?? false, false, ex);
            }
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Runs <see cref="PollOnceAsync"/> in rounds until cancelled, pausing <see cref="PollInterval"/> (measured with
    /// the <see cref="TimeProvider"/>) between rounds unless some customer reported
    /// <see cref="MimecastFeedBatch.HasMore"/>.
    /// </summary>
    /// <param name="handler">Processes one customer's batch (see <see cref="PollOnceAsync"/>).</param>
    /// <param name="cancellationToken">Stops the loop with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>A task that ends only by cancellation.</returns>
    public async Task RunAsync(Func<MimecastFeedBatch, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var results = await PollOnceAsync(handler, cancellationToken).ConfigureAwait(false);
            if (!results.Any(static r => r.HasMore && r.Committed))
            {
                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>The outcome of one customer in <see cref="MimecastMultiCustomerFeed.PollOnceAsync"/>.</summary>
public sealed class MimecastFeedPollResult
{
    /// <summary>Creates a result (for tests of code that consumes the feed).</summary>
    /// <param name="customerName">The customer.</param>
    /// <param name="eventCount">How many events the poll returned.</param>
    /// <param name="hasMore">Whether more events were waiting.</param>
    /// <param name="committed">Whether the batch was committed.</param>
    /// <param name="error">The poll, handler or commit failure, if any.</param>
    public MimecastFeedPollResult(string customerName, int eventCount, bool hasMore, bool committed, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        CustomerName = customerName;
        EventCount = eventCount;
        HasMore = hasMore;
        Committed = committed;
        Error = error;
    }

    /// <summary>Gets the customer.</summary>
    public string CustomerName { get; }

    /// <summary>Gets how many events the poll returned.</summary>
    public int EventCount { get; }

    /// <summary>Gets a value indicating whether more events were waiting (see <see cref="MimecastFeedBatch.HasMore"/>).</summary>
    public bool HasMore { get; }

    /// <summary>Gets a value indicating whether the batch was committed.</summary>
    public bool Committed { get; }

    /// <summary>Gets the poll, handler or commit failure, if any; the batch was then not committed.</summary>
    public Exception? Error { get; }

    /// <summary>Returns the customer, count and outcome (the error's type, not its message).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"Customer '{CustomerName}': {EventCount} event(s){(HasMore ? ", more waiting" : string.Empty)}, {(Committed ? "committed" : "not committed")}{(Error is null ? string.Empty : $" ({Error.GetType().Name})")}";
}
