using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>Settings of one <see cref="MimecastIncidentFeed"/> (one customer account).</summary>
public sealed class MimecastIncidentFeedOptions
{
    /// <summary>
    /// Gets or sets the Targeted Threat Protection kinds to fetch. Defaults to <see cref="TtpEventKinds.All"/>;
    /// <see cref="TtpEventKinds.None"/> reads no TTP log (then select <see cref="SiemEventTypes"/> or
    /// <see cref="IncludeAuditEvents"/>). <see cref="GetSelectedKinds"/> lists every kind the feed reads.
    /// </summary>
    public TtpEventKinds Kinds { get; set; } = TtpEventKinds.All;

    /// <summary>
    /// Gets or sets the SIEM event types to read from the SIEM Cloud Gateway stream (<c>/siem/v1/events/cg</c>), one
    /// feed kind (<see cref="MimecastFeedKind.Siem"/>) and one cursor checkpoint each. Empty by default. Duplicates
    /// (case-insensitive) count once.
    /// </summary>
    public IList<SiemEventType> SiemEventTypes { get; set; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether the feed reads the audit events (<c>/api/audit/get-audit-events</c>,
    /// kind <see cref="MimecastFeedKind.Audit"/>). Defaults to <see langword="false"/>.
    /// </summary>
    public bool IncludeAuditEvents { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the feed reads the held queue (<c>/api/gateway/get-hold-message-list</c>,
    /// admin view, kind <see cref="MimecastFeedKind.Held"/>): each held message once by id, however late it joins the
    /// queue. Defaults to <see langword="false"/>.
    /// </summary>
    public bool IncludeHeldMessages { get; set; }

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
        SiemEventTypes = [.. SiemEventTypes ?? []],
        IncludeAuditEvents = IncludeAuditEvents,
        IncludeHeldMessages = IncludeHeldMessages,
        InitialLookback = InitialLookback,
        MaxEventsPerPoll = MaxEventsPerPoll,
        PageSize = PageSize,
        PollInterval = PollInterval,
        OverlapWindow = OverlapWindow,
        CustomerName = CustomerName,
    };

    /// <summary>
    /// Lists the kinds these options select, in the order a poll reads them: the TTP kinds (URL, attachment,
    /// impersonation), then audit, then the held queue, then the SIEM types in the order given.
    /// </summary>
    /// <returns>The kinds (distinct).</returns>
    public IReadOnlyList<MimecastFeedKind> GetSelectedKinds()
    {
        var kinds = new List<MimecastFeedKind>();
        foreach (var kind in Kinds.ToKindList())
        {
            kinds.Add(MimecastFeedKind.FromTtp(kind));
        }

        if (IncludeAuditEvents)
        {
            kinds.Add(MimecastFeedKind.Audit);
        }

        if (IncludeHeldMessages)
        {
            kinds.Add(MimecastFeedKind.Held);
        }

        foreach (var type in SiemEventTypes ?? [])
        {
            if (type.Value.Length > 0 && !kinds.Contains(MimecastFeedKind.Siem(type)))
            {
                kinds.Add(MimecastFeedKind.Siem(type));
            }
        }

        return kinds.AsReadOnly();
    }

    internal void Validate()
    {
        if ((Kinds & ~TtpEventKinds.All) != TtpEventKinds.None)
        {
            throw new ArgumentException($"{nameof(Kinds)} must name only Url, Attachment and Impersonation.", nameof(Kinds));
        }

        if (SiemEventTypes is null || SiemEventTypes.Any(static t => t.Value.Length == 0))
        {
            throw new ArgumentException($"{nameof(SiemEventTypes)} must not be null nor hold an empty event type.", nameof(SiemEventTypes));
        }

        if (GetSelectedKinds().Count == 0)
        {
            throw new ArgumentException($"Select at least one kind: {nameof(Kinds)}, {nameof(SiemEventTypes)}, {nameof(IncludeAuditEvents)} or {nameof(IncludeHeldMessages)}.", nameof(Kinds));
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
