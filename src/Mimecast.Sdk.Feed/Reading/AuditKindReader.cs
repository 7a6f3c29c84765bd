using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Reads the audit events by time + identity like the TTP logs. Mimecast's audit listing takes a closed range
/// (<c>startDateTime</c>..<c>endDateTime</c>, here the read's start..now) and its order is unconfirmed (the simulator
/// lists newest first), so the reader lists the whole range and then walks it oldest first (stable for equal
/// times; a record without a time is walked first). The identity is <c>audit:{id}</c> (Mimecast documents <c>id</c> as unique); a record without id falls back
/// to <c>audit:{sha256}#n</c> of its fields.
/// </summary>
internal sealed class AuditKindReader(FeedKindContext context) : IFeedKindReader
{
    // Bounds the listing held in memory for one read (audit events are low volume: this is far above a day of them).
    private const int MaxListed = 1_000_000;

    private readonly TimeWindowReader _window = new(context);

    public Task<FeedKindResult> ReadAsync(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var windowStart = context.WindowStart(kind, checkpoint);
        var from = checkpoint is null ? windowStart : windowStart - context.Options.OverlapWindow;
        var end = context.Time.GetUtcNow();
        var customer = context.Customer;
        var query = new AuditEventQuery { Start = from, End = end > from ? end : from, PageSize = Math.Min(context.Options.PageSize, MimecastLimits.AuditPageSize) };
        return _window.ReadAsync(
            kind, windowStart, from, checkpoint,
            OldestFirstAsync(query, cancellationToken),
            static e => e.EventTime,
            static e => string.IsNullOrEmpty(e.Id) ? null : "audit:" + e.Id,
            static e => "audit:" + FeedEventIdentity.AuditKey(e),
            (e, id, time, estimated) => MimecastFeedEvent.ForAudit(customer, id, time, e, estimated),
            cancellationToken);
    }

    private async IAsyncEnumerable<AuditEvent?> OldestFirstAsync(AuditEventQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = context.Client;
        var listed = new List<AuditEvent>();
        await foreach (var record in client.Audit.GetEventsAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record is not null)
            {
                listed.Add(record);
            }

            if (listed.Count > MaxListed)
            {
                throw new MimecastInvalidResponseException($"The audit listing from {query.Start:O} holds more than {MaxListed} events; lower InitialLookback or poll more often.");
            }
        }

        // Stable: equal times keep their listing order; records without a time are walked first (at the read's start).
        foreach (var e in listed.OrderBy(static e => e.EventTime ?? DateTimeOffset.MinValue))
        {
            yield return e;
        }
    }
}
