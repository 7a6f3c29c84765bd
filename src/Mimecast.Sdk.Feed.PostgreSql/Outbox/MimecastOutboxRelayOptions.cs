namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>Settings of <see cref="MimecastOutboxRelay"/>.</summary>
public sealed class MimecastOutboxRelayOptions
{
    /// <summary>Gets or sets the most events of one customer handed over per transaction. Defaults to 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets the pause of <see cref="MimecastOutboxRelay.RunAsync"/> when the outbox is empty. Defaults to 1 second.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleDelay, TimeSpan.Zero, nameof(IdleDelay));
    }
}
