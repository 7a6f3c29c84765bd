namespace Mimecast.Sdk.Feed;

/// <summary>
/// Keeps the checkpoints of the incident feed, one state per customer (every kind in it) with an opaque version, and
/// accepts a batch with optimistic fencing: a commit succeeds only if the stored version is still the one the poll
/// started from. A store may also keep the batch's events (an outbox) in the same atomic write.
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent calls for different customers. For one customer the feed never calls
/// them concurrently itself, but two processes (or two feeds) may race: the loser of a commit gets
/// <see cref="MimecastCheckpointConflictException"/> and nothing of its batch is stored.
/// Stores in this SDK: <see cref="FileCheckpointStore"/> (one process per folder), the PostgreSQL store of
/// <c>Mimecast.Sdk.Feed.PostgreSql</c> (many processes, outbox), and <see cref="InMemoryCheckpointStoreForTests"/>.
/// </remarks>
public interface IMimecastCheckpointStore
{
    /// <summary>Loads the state of a customer and its version.</summary>
    /// <param name="customerName">The customer name (empty for the default client).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The stored state and its version; a customer without a stored state (a fresh start) has a
    /// <see langword="null"/> <see cref="MimecastCheckpointSnapshot.State"/> and <see cref="MimecastCheckpointVersion.None"/>.
    /// </returns>
    /// <exception cref="MimecastCheckpointException">The stored state exists but cannot be read.</exception>
    ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the state of a customer with <paramref name="newState"/>, only if its stored version is still
    /// <paramref name="expectedVersion"/>, and (for stores with an outbox) records <paramref name="events"/> in the
    /// same atomic write. After it returns, a <see cref="LoadAsync"/> (even after a crash) sees the new state.
    /// </summary>
    /// <param name="customerName">The customer name (empty for the default client).</param>
    /// <param name="expectedVersion">The version <see cref="LoadAsync"/> (or the previous commit) returned.</param>
    /// <param name="newState">The new state.</param>
    /// <param name="events">The events of the batch being accepted, in delivery order (possibly empty).</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled commit leaves the previous state intact.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="MimecastCheckpointConflictException">The stored version is not <paramref name="expectedVersion"/>: another feed committed first. Nothing was written.</exception>
    /// <exception cref="MimecastCheckpointException">The state could not be written; nothing was written.</exception>
    ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default);
}
