namespace Mimecast.Sdk.Feed;

/// <summary>
/// Writes a batch's commit somewhere other than the feed's own store call, typically inside a transaction the caller
/// owns (see <see cref="MimecastFeedBatch.CommitThroughAsync(MimecastCheckpointCommitter, CancellationToken)"/>). Same
/// contract as <see cref="IMimecastCheckpointStore.CommitAsync"/>.
/// </summary>
/// <param name="customerName">The customer name.</param>
/// <param name="expectedVersion">The version the batch was polled from.</param>
/// <param name="newState">The new state.</param>
/// <param name="events">The batch's events, in delivery order.</param>
/// <param name="cancellationToken">Cancels the write.</param>
/// <returns>The version the state will have once the caller's transaction commits.</returns>
public delegate ValueTask<MimecastCheckpointVersion> MimecastCheckpointCommitter(string customerName, MimecastCheckpointVersion expectedVersion,
    MimecastFeedState newState, IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken);
