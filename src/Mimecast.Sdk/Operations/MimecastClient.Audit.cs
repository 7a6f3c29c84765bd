using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

// Audit events: POST /api/audit/get-audit-events, the meta/data/fail envelope, paged like the TTP logs.
public sealed partial class MimecastClient
{
    /// <inheritdoc />
    public MimecastPageable<AuditEvent> GetAuditEventsAsync(AuditEventQuery query, CancellationToken cancellationToken = default)
    {
        Validate(query);
        return Pageable<AuditEvent>((token, size, ct) => GetAuditEventsPageCoreAsync(query, token, size, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastPage<AuditEvent>> GetAuditEventsPageAsync(AuditEventQuery query, string? pageToken, CancellationToken cancellationToken = default)
    {
        Validate(query);
        return GetAuditEventsPageCoreAsync(query, pageToken, null, cancellationToken);
    }

    private async Task<MimecastPage<AuditEvent>> GetAuditEventsPageCoreAsync(AuditEventQuery query, string? pageToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var context = _contexts.Get(Name);
        var auth = context.Auth ?? throw new MimecastAuthenticationException(
            $"Mimecast client '{Name}' has no credentials for data calls: configure Api1 (with AccessKey and SecretKey) or Api2.",
            null, null, null, AuditOperation.Path);

        // The same data item with every token of one listing.
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<AuditEventRequestData>
            {
                Meta = new RequestMeta
                {
                    Pagination = new RequestPagination { PageSize = query.PageSize ?? pageSizeHint ?? SiemWireFacts.AuditDefaultPageSize, PageToken = string.IsNullOrEmpty(pageToken) ? null : pageToken },
                },
                Data = [new AuditEventRequestData { StartDateTime = query.Start, EndDateTime = query.End, Query = query.Query, Categories = query.Categories }],
            },
            LogSourcesJsonContext.Default.RequestEnvelopeAuditEventRequestData);
        var (envelope, state) = await SendAsync(AuditOperation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, body,
            LogSourcesJsonContext.Default.ResponseEnvelopeAuditEvent, cancellationToken).ConfigureAwait(false);
        var items = new List<AuditEvent>(envelope.Data?.Count ?? 0);
        foreach (var item in envelope.Data ?? [])
        {
            if (item is not null)
            {
                items.Add(item);
            }
        }

        var pagination = envelope.Meta?.Pagination;
        return new MimecastPage<AuditEvent>(items, pagination?.Next)
        {
            TotalCount = pagination?.TotalCount,
            RequestId = state.LastRequestId,
            RateLimit = state.LastRateLimit,
        };
    }

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

        var oldest = _contexts.TimeProvider.GetUtcNow() - SiemWireFacts.AuditMaxLookback;
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
