namespace Mimecast.Sdk.Feed;

/// <summary>
/// Keeps the checkpoints of the incident feed, per customer and kind. A customer's whole state (every kind) is
/// loaded and saved at once, so accepting a batch that spans several kinds is atomic. Implementations must be safe
/// for concurrent calls for different customers; the feed never calls them concurrently for one customer.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Loads the state of a customer.</summary>
    /// <param name="customerName">The customer name (empty for the default client).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/> when the customer has none yet (a fresh start).</returns>
    /// <exception cref="MimecastCheckpointException">The stored state exists but cannot be read.</exception>
    ValueTask<MimecastFeedState?> LoadAsync(string customerName, CancellationToken cancellationToken = default);

    /// <summary>Replaces the state of a customer; after it returns, a <see cref="LoadAsync"/> (even after a crash) sees it.</summary>
    /// <param name="customerName">The customer name (empty for the default client).</param>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled save leaves the previous state intact.</param>
    /// <returns>A task that completes once the state is durable.</returns>
    /// <exception cref="MimecastCheckpointException">The state could not be written.</exception>
    ValueTask SaveAsync(string customerName, MimecastFeedState state, CancellationToken cancellationToken = default);
}
