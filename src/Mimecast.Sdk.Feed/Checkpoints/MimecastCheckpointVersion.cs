namespace Mimecast.Sdk.Feed;

/// <summary>
/// The opaque version of a customer's stored checkpoint state, for optimistic fencing
/// (<see cref="IMimecastCheckpointStore.CommitAsync"/>). Only the store that issued it interprets it.
/// </summary>
public readonly struct MimecastCheckpointVersion : IEquatable<MimecastCheckpointVersion>
{
    private readonly string? _token;

    /// <summary>Creates a version from a store's token.</summary>
    /// <param name="token">The store's token (for example a row version or a generation number); not empty.</param>
    public MimecastCheckpointVersion(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = token;
    }

    /// <summary>Gets the version of a customer that has no stored state yet.</summary>
    public static MimecastCheckpointVersion None => default;

    /// <summary>Gets a value indicating whether this is <see cref="None"/>.</summary>
    public bool IsNone => _token is null;

    /// <summary>Gets the store's token, or the empty string for <see cref="None"/>.</summary>
    public string Token => _token ?? string.Empty;

    /// <summary>Compares two versions.</summary>
    /// <param name="left">The first version.</param>
    /// <param name="right">The second version.</param>
    /// <returns><see langword="true"/> when both carry the same token.</returns>
    public static bool operator ==(MimecastCheckpointVersion left, MimecastCheckpointVersion right) => left.Equals(right);

    /// <summary>Compares two versions.</summary>
    /// <param name="left">The first version.</param>
    /// <param name="right">The second version.</param>
    /// <returns><see langword="true"/> when the tokens differ.</returns>
    public static bool operator !=(MimecastCheckpointVersion left, MimecastCheckpointVersion right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MimecastCheckpointVersion other) => string.Equals(_token, other._token, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MimecastCheckpointVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _token is null ? 0 : StringComparer.Ordinal.GetHashCode(_token);

    /// <summary>Returns the token, or <c>(none)</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => _token ?? "(none)";
}

/// <summary>What <see cref="IMimecastCheckpointStore.LoadAsync"/> returns: a customer's stored state and its version.</summary>
public sealed class MimecastCheckpointSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="state">The stored state, or <see langword="null"/> when the customer has none yet.</param>
    /// <param name="version">Its version (<see cref="MimecastCheckpointVersion.None"/> when <paramref name="state"/> is <see langword="null"/>).</param>
    public MimecastCheckpointSnapshot(MimecastFeedState? state, MimecastCheckpointVersion version)
    {
        if (state is null != version.IsNone)
        {
            throw new ArgumentException("A stored state has a version and a missing state has none.", nameof(version));
        }

        State = state;
        Version = version;
    }

    /// <summary>Gets the snapshot of a customer without a stored state.</summary>
    public static MimecastCheckpointSnapshot Fresh { get; } = new(null, MimecastCheckpointVersion.None);

    /// <summary>Gets the stored state, or <see langword="null"/> for a fresh start.</summary>
    public MimecastFeedState? State { get; }

    /// <summary>Gets the version of <see cref="State"/>.</summary>
    public MimecastCheckpointVersion Version { get; }

    /// <summary>Returns the version and whether a state is stored.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => State is null ? "no stored state" : $"state at version {Version}";
}
