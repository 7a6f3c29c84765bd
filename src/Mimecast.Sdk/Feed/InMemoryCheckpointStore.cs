using System.Collections.Concurrent;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Keeps checkpoints in memory only: a restarted process starts afresh (from
/// <see cref="MimecastIncidentFeedOptions.InitialLookback"/>). For tests and for consumers that checkpoint elsewhere.
/// Thread-safe.
/// </summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, MimecastFeedState> _states = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<MimecastFeedState?> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_states.TryGetValue(customerName, out var state) ? state : null);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string customerName, MimecastFeedState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        _states[customerName] = state;
        return ValueTask.CompletedTask;
    }
}
