namespace Mimecast.Sdk.Feed;

/// <summary>
/// The new events of one poll of one customer. Nothing is remembered until <see cref="CommitAsync"/>: process (or
/// durably hand off) <see cref="Events"/>, then commit; a batch that is never committed is delivered again by the
/// next poll.
/// </summary>
public sealed class MimecastFeedBatch
{
    private readonly MimecastIncidentFeed _feed;

    internal MimecastFeedBatch(MimecastIncidentFeed feed, MimecastCheckpointVersion baseVersion, MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events, bool hasMore)
    {
        _feed = feed;
        BaseVersion = baseVersion;
        NewState = newState;
        Events = events.ToArray().AsReadOnly();
        HasMore = hasMore;
    }

    /// <summary>Gets the customer name (empty for the default client).</summary>
    public string CustomerName => _feed.CustomerName;

    /// <summary>
    /// Gets the new events, grouped by kind (URL, then attachment, then impersonation) and, within a kind, in
    /// Mimecast's oldest-first order. Each event appears once in the feed's history unless a batch is not committed.
    /// </summary>
    public IReadOnlyList<MimecastFeedEvent> Events { get; }

    /// <summary>
    /// Gets a value indicating whether some kind stopped at <see cref="MimecastIncidentFeedOptions.MaxEventsPerPoll"/>
    /// with more new events waiting: poll again right after committing.
    /// </summary>
    public bool HasMore { get; }

    /// <summary>Gets a value indicating whether <see cref="CommitAsync"/> has completed.</summary>
    public bool IsCommitted { get; internal set; }

    /// <summary>Gets the checkpoints that <see cref="CommitAsync"/> stores.</summary>
    public MimecastFeedState NewState { get; }

    internal MimecastCheckpointVersion BaseVersion { get; }

    /// <summary>
    /// Accepts the batch: stores <see cref="NewState"/> in the <see cref="IMimecastCheckpointStore"/>, so the next poll starts
    /// after these events. Idempotent. Batches must be committed in the order they were polled and without a newer
    /// poll in between being committed first.
    /// </summary>
    /// <param name="cancellationToken">Cancels the save; a cancelled commit stores nothing.</param>
    /// <returns>A task that completes once the checkpoint is durable.</returns>
    /// <exception cref="InvalidOperationException">Another batch of the feed was committed after this one was polled (this batch is stale), or the feed is busy.</exception>
    /// <exception cref="MimecastCheckpointException">The store failed; the batch stays uncommitted.</exception>
    public Task CommitAsync(CancellationToken cancellationToken = default) => _feed.CommitAsync(this, cancellationToken);

    /// <summary>Returns the customer, event count and commit state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"Batch of {Events.Count} event(s) for customer '{CustomerName}'{(HasMore ? ", more waiting" : string.Empty)}{(IsCommitted ? ", committed" : string.Empty)}";
}
