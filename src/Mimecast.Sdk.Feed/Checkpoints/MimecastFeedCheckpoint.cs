using System.Collections.ObjectModel;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Where the feed of one (customer, kind) stands. Time-based kinds (TTP, audit): <see cref="Time"/>, the start of the
/// next delivery window (the overlap window behind the newest delivered event, or the start of the first window),
/// and <see cref="Delivered"/>, the identity and second of every event delivered inside the window and the detection
/// zone behind it; the next poll re-reads from there and skips the identities delivered. SIEM stream kinds:
/// <see cref="Cursor"/>, the stream's <c>@nextPage</c> to resume from, <see cref="Time"/>, when it was taken (the
/// feed's clock), and <see cref="Delivered"/>, the identities delivered within the overlap window before it, each
/// with the second it was delivered at (for the fallback when Mimecast refuses the cursor). Immutable.
/// </summary>
public sealed class MimecastFeedCheckpoint
{
    /// <summary>Creates a checkpoint.</summary>
    /// <param name="time">The position; truncated to the second and converted to UTC.</param>
    /// <param name="delivered">The identities (see <see cref="MimecastFeedEvent.Id"/>) of the events delivered in the window, each with its event time (truncated to the second).</param>
    /// <param name="cursor">The SIEM stream cursor to resume from; <see langword="null"/> for time-based kinds (and a SIEM kind that must restart from <paramref name="time"/>).</param>
    public MimecastFeedCheckpoint(DateTimeOffset time, IEnumerable<KeyValuePair<string, DateTimeOffset>>? delivered = null, string? cursor = null)
    {
        Time = TruncateToSecond(time);
        Cursor = string.IsNullOrEmpty(cursor) ? null : cursor;
        var map = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (delivered is not null)
        {
            foreach (var (id, second) in delivered)
            {
                ArgumentException.ThrowIfNullOrEmpty(id, nameof(delivered));
                map[id] = TruncateToSecond(second);
            }
        }

        Delivered = new ReadOnlyDictionary<string, DateTimeOffset>(map);
    }

    /// <summary>Gets the position: a whole second, in UTC.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Gets the SIEM stream cursor (<c>@nextPage</c>) to resume from, or <see langword="null"/>.</summary>
    public string? Cursor { get; }

    /// <summary>Gets the identities delivered inside the overlap window, each with the second of its event (a read-only view).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Delivered { get; }

    /// <summary>Returns the time and the number of identities.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Time:O} ({Delivered.Count} delivered in the window{(Cursor is null ? string.Empty : ", with a cursor")})";

    internal bool SameAs(MimecastFeedCheckpoint? other)
    {
        if (other is null || other.Time != Time || other.Delivered.Count != Delivered.Count || !string.Equals(other.Cursor, Cursor, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var (id, second) in Delivered)
        {
            if (!other.Delivered.TryGetValue(id, out var otherSecond) || otherSecond != second)
            {
                return false;
            }
        }

        return true;
    }

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
    public static readonly MimecastFeedState Empty = new([]);

    private readonly Dictionary<MimecastFeedKind, MimecastFeedCheckpoint> _checkpoints;

    /// <summary>Creates a state.</summary>
    /// <param name="checkpoints">The checkpoint of each kind; kinds absent have never been accepted.</param>
    public MimecastFeedState(IEnumerable<KeyValuePair<MimecastFeedKind, MimecastFeedCheckpoint>> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        _checkpoints = [];
        foreach (var (kind, checkpoint) in checkpoints)
        {
            if (kind.Name.Length == 0)
            {
                throw new ArgumentException("A checkpoint needs a feed kind.", nameof(checkpoints));
            }

            ArgumentNullException.ThrowIfNull(checkpoint, nameof(checkpoints));
            _checkpoints[kind] = checkpoint;
        }

        Checkpoints = new ReadOnlyDictionary<MimecastFeedKind, MimecastFeedCheckpoint>(_checkpoints);
    }

    /// <summary>Gets the checkpoint of each kind that has one (a read-only view).</summary>
    public IReadOnlyDictionary<MimecastFeedKind, MimecastFeedCheckpoint> Checkpoints { get; }

    /// <summary>Gets the checkpoint of <paramref name="kind"/>, or <see langword="null"/> when that kind starts fresh.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The checkpoint, if any.</returns>
    public MimecastFeedCheckpoint? Get(MimecastFeedKind kind) => _checkpoints.GetValueOrDefault(kind);

    /// <summary>Returns a copy of this state with the checkpoint of <paramref name="kind"/> replaced.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="checkpoint">Its new checkpoint.</param>
    /// <returns>The new state.</returns>
    public MimecastFeedState With(MimecastFeedKind kind, MimecastFeedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var copy = new Dictionary<MimecastFeedKind, MimecastFeedCheckpoint>(_checkpoints) { [kind] = checkpoint };
        return new MimecastFeedState(copy);
    }

    /// <summary>Returns the kinds and their positions.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => _checkpoints.Count == 0
        ? "no checkpoint"
        : string.Join(", ", _checkpoints.OrderBy(static c => c.Key).Select(static c => $"{c.Key}: {c.Value}"));

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
