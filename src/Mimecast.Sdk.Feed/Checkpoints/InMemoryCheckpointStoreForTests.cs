namespace Mimecast.Sdk.Feed;

/// <summary>
/// <b>For tests only.</b> Keeps checkpoints in this object's memory: a restarted process starts afresh and
/// re-delivers up to <see cref="MimecastIncidentFeedOptions.InitialLookback"/> of events, or skips events after a
/// longer outage. Production code uses <see cref="FileCheckpointStore"/> or the PostgreSQL store. Thread-safe, and
/// fences commits like a real store (a stale expected version throws <see cref="MimecastCheckpointConflictException"/>).
/// </summary>
public sealed class InMemoryCheckpointStoreForTests : IMimecastCheckpointStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (MimecastFeedState State, long Version)> _states = new(StringComparer.Ordinal);
    private readonly List<MimecastFeedEvent> _committedEvents = [];

    /// <summary>Gets a copy of every event committed so far, in commit order (what an outbox would hold).</summary>
    public IReadOnlyList<MimecastFeedEvent> CommittedEvents
    {
        get
        {
            lock (_lock)
            {
                return [.. _committedEvents];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_states.TryGetValue(customerName, out var stored)
                ? new MimecastCheckpointSnapshot(stored.State, ToVersion(stored.Version))
                : MimecastCheckpointSnapshot.Fresh);
        }
    }

    /// <inheritdoc />
    public ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        ArgumentNullException.ThrowIfNull(newState);
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var current = _states.TryGetValue(customerName, out var stored) ? ToVersion(stored.Version) : MimecastCheckpointVersion.None;
            if (current != expectedVersion)
            {
                throw new MimecastCheckpointConflictException(customerName, expectedVersion, current);
            }

            var next = stored.Version + 1;
            _states[customerName] = (newState, next);
            _committedEvents.AddRange(events);
            return ValueTask.FromResult(ToVersion(next));
        }
    }

    private static MimecastCheckpointVersion ToVersion(long version) =>
        new(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
