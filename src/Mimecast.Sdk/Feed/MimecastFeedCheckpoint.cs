namespace Mimecast.Sdk.Feed;

/// <summary>
/// Where the feed of one (customer, kind) stands: the second of the last delivered event (or the start of the first
/// window) and the identities of the events already delivered at that second. The next poll queries from
/// <see cref="Time"/> (inclusive) and skips <see cref="SeenIds"/>. Immutable.
/// </summary>
public sealed class MimecastFeedCheckpoint
{
    /// <summary>Creates a checkpoint.</summary>
    /// <param name="time">The position; truncated to the second and converted to UTC.</param>
    /// <param name="seenIds">The identities of the events delivered at that second (see <see cref="MimecastFeedEvent.Id"/>).</param>
    public MimecastFeedCheckpoint(DateTimeOffset time, IEnumerable<string>? seenIds = null)
    {
        Time = TruncateToSecond(time);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (seenIds is not null)
        {
            foreach (var id in seenIds)
            {
                ArgumentException.ThrowIfNullOrEmpty(id, nameof(seenIds));
                set.Add(id);
            }
        }

        SeenIds = set;
    }

    /// <summary>Gets the position: a whole second, in UTC.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Gets the identities already delivered at <see cref="Time"/>.</summary>
    public IReadOnlySet<string> SeenIds { get; }

    /// <summary>Returns the time and the number of identities.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Time:O} ({SeenIds.Count} seen)";

    internal bool SameAs(MimecastFeedCheckpoint? other) =>
        other is not null && other.Time == Time && other.SeenIds.Count == SeenIds.Count && other.SeenIds.SetEquals(SeenIds);

    internal static DateTimeOffset TruncateToSecond(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}

/// <summary>The checkpoints of one customer, one per kind that has been polled and accepted. Immutable.</summary>
public sealed class MimecastFeedState
{
    /// <summary>The state of a customer that has never been polled.</summary>
    public static readonly MimecastFeedState Empty = new(new Dictionary<TtpEventKind, MimecastFeedCheckpoint>());

    private readonly Dictionary<TtpEventKind, MimecastFeedCheckpoint> _checkpoints;

    /// <summary>Creates a state.</summary>
    /// <param name="checkpoints">The checkpoint of each kind; kinds absent have never been accepted.</param>
    public MimecastFeedState(IEnumerable<KeyValuePair<TtpEventKind, MimecastFeedCheckpoint>> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        _checkpoints = [];
        foreach (var (kind, checkpoint) in checkpoints)
        {
            _ = kind.ToFlag();
            ArgumentNullException.ThrowIfNull(checkpoint, nameof(checkpoints));
            _checkpoints[kind] = checkpoint;
        }
    }

    /// <summary>Gets the checkpoint of each kind that has one.</summary>
    public IReadOnlyDictionary<TtpEventKind, MimecastFeedCheckpoint> Checkpoints => _checkpoints;

    /// <summary>Gets the checkpoint of <paramref name="kind"/>, or <see langword="null"/> when that kind starts fresh.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The checkpoint, if any.</returns>
    public MimecastFeedCheckpoint? Get(TtpEventKind kind) => _checkpoints.GetValueOrDefault(kind);

    /// <summary>Returns a copy of this state with the checkpoint of <paramref name="kind"/> replaced.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="checkpoint">Its new checkpoint.</param>
    /// <returns>The new state.</returns>
    public MimecastFeedState With(TtpEventKind kind, MimecastFeedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var copy = new Dictionary<TtpEventKind, MimecastFeedCheckpoint>(_checkpoints) { [kind] = checkpoint };
        return new MimecastFeedState(copy);
    }

    internal bool SameAs(MimecastFeedState other)
    {
        if (other._checkpoints.Count != _checkpoints.Count)
        {
            return false;
        }

        foreach (var (kind, checkpoint) in _checkpoints)
        {
            if (!checkpoint.SameAs(other.Get(kind)))
            {
                return false;
            }
        }

        return true;
    }
}
