namespace Mimecast.Sdk.Feed;

/// <summary>
/// The new events of one poll of one customer. Nothing is remembered until <see cref="CommitAsync(CancellationToken)"/>: process (or
/// durably hand off) <see cref="Events"/>, then commit; a batch that is never committed is delivered again by the
/// next poll.
/// </summary>
public sealed class MimecastFeedBatch
{
    private readonly MimecastIncidentFeed? _feed;

    internal MimecastFeedBatch(MimecastIncidentFeed feed, MimecastCheckpointVersion baseVersion, MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events, bool hasMore)
        : this(feed, feed.CustomerName, baseVersion, newState, events, hasMore)
    {
    }

    private MimecastFeedBatch(MimecastIncidentFeed? feed, string customerName, MimecastCheckpointVersion baseVersion, MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events, bool hasMore)
    {
        _feed = feed;
        CustomerName = customerName;
        BaseVersion = baseVersion;
        NewState = newState;
        Events = events.ToArray().AsReadOnly();
        HasMore = hasMore;
    }

    /// <summary>Gets the customer name (empty for the default client).</summary>
    public string CustomerName { get; }

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

    /// <summary>Gets a value indicating whether <see cref="CommitAsync(CancellationToken)"/> has completed.</summary>
    public bool IsCommitted { get; internal set; }

    /// <summary>Gets the checkpoints that <see cref="CommitAsync(CancellationToken)"/> stores.</summary>
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
    public Task CommitAsync(CancellationToken cancellationToken = default) => _feed is null ? CommitDetachedAsync() : _feed.CommitAsync(this, null, cancellationToken);

    /// <summary>
    /// Accepts the batch through <paramref name="committer"/> instead of the feed's store call: for a store that
    /// writes inside a transaction the caller owns (for example the PostgreSQL store's
    /// <c>CommitInTransactionAsync(batch, transaction)</c>, so the caller's own rows and the checkpoint commit together). The feed
    /// cannot know whether that transaction commits, so its next poll reloads the state from the store: a rolled-back
    /// transaction simply means the same events come again.
    /// </summary>
    /// <param name="committer">Writes the commit (fenced on the expected version, like <see cref="IMimecastCheckpointStore.CommitAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the committer has written.</returns>
    /// <exception cref="InvalidOperationException">This batch is stale, or the feed is busy.</exception>
    /// <exception cref="MimecastCheckpointConflictException">Another feed committed first; roll back your transaction.</exception>
    public Task CommitThroughAsync(MimecastCheckpointCommitter committer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(committer);
        return _feed is null ? CommitDetachedAsync() : _feed.CommitAsync(this, committer, cancellationToken);
    }

    /// <summary>
    /// Creates a batch that belongs to no feed, for tests of code that consumes batches: its
    /// <see cref="CommitAsync(CancellationToken)"/> only sets <see cref="IsCommitted"/>.
    /// </summary>
    /// <param name="customerName">The customer name.</param>
    /// <param name="events">The events (copied).</param>
    /// <param name="hasMore">The value of <see cref="HasMore"/>.</param>
    /// <returns>The batch.</returns>
    public static MimecastFeedBatch CreateForTests(string customerName, IEnumerable<MimecastFeedEvent> events, bool hasMore = false)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        ArgumentNullException.ThrowIfNull(events);
        return new MimecastFeedBatch(null, customerName, MimecastCheckpointVersion.None, MimecastFeedState.Empty, [.. events], hasMore);
    }

    private Task CommitDetachedAsync()
    {
        IsCommitted = true;
        return Task.CompletedTask;
    }

    /// <summary>Returns the customer, event count and commit state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"Batch of {Events.Count} event(s) for customer '{CustomerName}'{(HasMore ? ", more waiting" : string.Empty)}{(IsCommitted ? ", committed" : string.Empty)}";
}
