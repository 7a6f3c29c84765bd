using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>Audit events of the account (<c>client.Audit</c>), over API 1.0 or 2.0. Thread-safe; each can be faked on its own.</summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface IAuditClient
{
    /// <summary>
    /// Lists the account's audit events (<c>/api/audit/get-audit-events</c>): <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens (the same <c>data</c> is resent with
    /// every token). The next page is requested while the current one is consumed (<see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The period (at most 60 days back), text and categories.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The events, in the order Mimecast sends them.</returns>
    /// <exception cref="ArgumentException">The period is missing, reversed or starts more than 60 days ago.</exception>
    MimecastPageable<AuditEvent> GetEventsAsync(AuditEventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of audit events, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The period, text and categories. Send the same query with every token of one listing.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<AuditEvent>> GetEventsPageAsync(AuditEventQuery query, string? pageToken, CancellationToken cancellationToken = default);
}
