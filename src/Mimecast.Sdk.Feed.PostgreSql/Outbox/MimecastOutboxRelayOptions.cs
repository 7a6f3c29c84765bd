namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>Settings of <see cref="MimecastOutboxRelay"/>.</summary>
public sealed class MimecastOutboxRelayOptions
{
    /// <summary>Gets or sets the most events of one customer handed over per transaction. Defaults to 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets the pause of <see cref="MimecastOutboxRelay.RunAsync"/> when the outbox is empty. Defaults to 1 second.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the first pause of <see cref="MimecastOutboxRelay.RunAsync"/> after a transient database failure;
    /// it doubles with every further failure up to <see cref="MaxRetryDelay"/>. Each pause is jittered (half to all of
    /// it), so relays that lost the database together do not return together. Defaults to 1 second.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest pause of <see cref="MimecastOutboxRelay.RunAsync"/> between failed rounds, and the
    /// pause after a failure waiting will not cure (schema missing, permission denied). Defaults to 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleDelay, TimeSpan.Zero, nameof(IdleDelay));
    }
}
