using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>Audit events: POST /api/audit/get-audit-events, the meta/data/fail envelope, paged like the TTP logs.</summary>
internal sealed class AuditClient : IAuditClient
{
    private readonly MimecastTransport _transport;

    internal AuditClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public MimecastPageable<AuditEvent> GetEventsAsync(AuditEventQuery query, CancellationToken cancellationToken = default)
    {
        Validate(query);
        return _transport.Pageable<AuditEvent>((token, size, ct) => PageAsync(query, token, size, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastPage<AuditEvent>> GetEventsPageAsync(AuditEventQuery query, string? pageToken, CancellationToken cancellationToken = default)
    {
        Validate(query);
        return PageAsync(query, pageToken, null, cancellationToken);
    }

    // The same data item with every token of one listing.
    private Task<MimecastPage<AuditEvent>> PageAsync(AuditEventQuery query, string? pageToken, int? pageSizeHint, CancellationToken cancellationToken) =>
        _transport.GetPageAsync(AuditOperations.Events,
            new AuditEventRequestData { StartDateTime = query.Start, EndDateTime = query.End, Query = query.Query, Categories = query.Categories },
            query.PageSize, pageToken, pageSizeHint, LogSourcesJsonContext.Default.RequestEnvelopeAuditEventRequestData,
            LogSourcesJsonContext.Default.ResponseEnvelopeAuditEvent, static e => new[] { e }, cancellationToken);

    private void Validate(AuditEventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Start == default || query.End == default)
        {
            throw new ArgumentException("An audit event query needs both Start and End.", nameof(query));
        }

        if (query.End <= query.Start)
        {
            throw new ArgumentException("The audit event query's End must be after its Start.", nameof(query));
        }

        var oldest = _transport.TimeProvider.GetUtcNow() - SiemWireFacts.AuditMaxLookback;
        if (query.Start < oldest)
        {
            throw new ArgumentException(
                $"Mimecast keeps audit events for {SiemWireFacts.AuditMaxLookback.TotalDays:0} days: the query's Start ({query.Start:O}) is before {oldest:O}.", nameof(query));
        }

        if (query.PageSize is < 1)
        {
            throw new ArgumentException("The audit event query's PageSize must be at least 1.", nameof(query));
        }
    }
}
