namespace Mimecast.Sdk.Feed;

/// <summary>Settings of one <see cref="MimecastIncidentFeed"/> (one customer account).</summary>
public sealed class MimecastIncidentFeedOptions
{
    /// <summary>Gets or sets the kinds of events to fetch. Defaults to <see cref="TtpEventKinds.All"/>.</summary>
    public TtpEventKinds Kinds { get; set; } = TtpEventKinds.All;

    /// <summary>
    /// Gets or sets how far back the first poll of a kind without a checkpoint starts (now minus this, truncated to
    /// the second). Defaults to 24 hours.
    /// </summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets the most new events one poll delivers <b>per kind</b> (a batch holds at most this many events of
    /// each kind in <see cref="Kinds"/>). A kind that reaches it stops, even in the middle of a second, and the batch
    /// reports <see cref="MimecastFeedBatch.HasMore"/>. Defaults to 1000.
    /// </summary>
    public int MaxEventsPerPoll { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how far behind the newest delivered event every poll re-reads, to deliver events that Mimecast
    /// publishes late (after newer ones). Events in the window are delivered once (the checkpoint remembers their
    /// identities); a record that appears later than this behind the newest delivered event is counted
    /// (<c>mimecast.feed.events_beyond_window</c>) and logged as a warning, not delivered. Defaults to 15 minutes:
    /// Mimecast's log pipeline publishes some events minutes after their timestamp, and its own SIEM batch export
    /// publishes every ~15 minutes; the cost is re-reading that much of the log on each poll. Zero turns it off.
    /// </summary>
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the page size of the log queries. Defaults to 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets the pause between two polls of <see cref="MimecastIncidentFeed.RunAsync"/> (skipped while
    /// <see cref="MimecastFeedBatch.HasMore"/> is set). Defaults to 1 minute.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the customer name: the <see cref="IMimecastClientFactory"/> name of the client, and the key of the
    /// feed's checkpoints in the <see cref="IMimecastCheckpointStore"/>. The empty string (the default) is the default client.
    /// </summary>
    public string CustomerName { get; set; } = string.Empty;

    /// <summary>Copies the options.</summary>
    /// <returns>An independent copy.</returns>
    public MimecastIncidentFeedOptions Clone() => new()
    {
        Kinds = Kinds,
        InitialLookback = InitialLookback,
        MaxEventsPerPoll = MaxEventsPerPoll,
        PageSize = PageSize,
        PollInterval = PollInterval,
        OverlapWindow = OverlapWindow,
        CustomerName = CustomerName,
    };

    internal void Validate()
    {
        if ((Kinds & TtpEventKinds.All) == TtpEventKinds.None || (Kinds & ~TtpEventKinds.All) != TtpEventKinds.None)
        {
            throw new ArgumentException($"{nameof(Kinds)} must name at least one of Url, Attachment, Impersonation and nothing else.", nameof(Kinds));
        }

        if (InitialLookback < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialLookback), InitialLookback, "Must not be negative.");
        }

        if (MaxEventsPerPoll < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEventsPerPoll), MaxEventsPerPoll, "Must be at least 1.");
        }

        if (PageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "Must be at least 1.");
        }

        if (PollInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "Must not be negative.");
        }

        if (OverlapWindow < TimeSpan.Zero || OverlapWindow > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(OverlapWindow), OverlapWindow, "Must be between zero and one day.");
        }

        if (CustomerName is null)
        {
            throw new ArgumentException($"{nameof(CustomerName)} must not be null (use the empty string for the default client).", nameof(CustomerName));
        }
    }
}
