using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The held queue (<c>client.Held</c>): list, summarise, release and reject held messages, over API 1.0 or 2.0 (the
/// same <c>/api/gateway/...</c> paths). Thread-safe; can be faked on its own.
/// </summary>
/// <remarks>
/// Reads are resent after transient faults. Release and reject are never sent twice: a call that may have reached
/// Mimecast without an answer (5xx, timeout, cut connection) is checked by reading the held queue (see
/// <see cref="ReleaseAsync"/>). Other failures are reported as described on <see cref="IMimecastClient"/>.
/// </remarks>
public interface IHeldMessagesClient
{
    /// <summary>
    /// Lists the held messages matching <paramref name="query"/> (<c>/api/gateway/get-hold-message-list</c>): <c>await
    /// foreach</c> over them, or <see cref="MimecastPageable{T}.AsPages"/> for pages. Needs the permission
    /// <c>Account | Dashboard | Read</c>. With <see cref="HeldMessageQuery.Admin"/> false Mimecast returns only the API
    /// user's own held mail.
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for every held message (admin view).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The held messages.</returns>
    /// <exception cref="ArgumentException">A sender-IP search on API 1.0 (thrown when the listing starts).</exception>
    MimecastPageable<HeldMessage> GetHeldMessagesAsync(HeldMessageQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of held messages, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all. Send the same query with every token of one listing.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    /// <exception cref="ArgumentException">A sender-IP search on API 1.0.</exception>
    Task<MimecastPage<HeldMessage>> GetHeldMessagesPageAsync(HeldMessageQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets how many messages each policy holds (<c>/api/gateway/get-hold-summary-list</c>). Needs
    /// <c>Account | Monitoring | Held Summary | Read</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One line per policy.</returns>
    Task<IReadOnlyList<HeldSummary>> GetSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases held messages to their recipients (<c>/api/gateway/hold-release</c>, one <c>data</c> item per id, at most
    /// 25 ids per call, UNCONFIRMED), any number of ids, one result per id in order. Needs
    /// <c>Account | Monitoring | Held | Edit</c>. <c>release:false</c> and <c>fail</c> entries are failed items; a call
    /// that may have reached Mimecast without an answer is never resent: its ids are looked up in the held queue
    /// (admin view), gone = released (<see cref="HeldActionResult.CheckedByRead"/>), still there = failed (not
    /// released, safe to release again), not determinable = <see cref="MimecastItemStatus.OutcomeUnknown"/>.
    /// A partial failure is a result; call <see cref="MimecastBulkResult{TItem, TResult}.EnsureSuccess"/> for all-or-nothing.
    /// </summary>
    /// <param name="ids">The held message ids (<see cref="HeldMessage.Id"/>, from a fresh read).</param>
    /// <param name="cancellationToken">Cancels the remaining calls (calls already answered keep their results only if you do not cancel).</param>
    /// <returns>One result per id, in order.</returns>
    /// <exception cref="ArgumentException">An id is null or blank (nothing is sent).</exception>
    Task<MimecastBulkResult<string, HeldActionResult>> ReleaseAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rejects held messages (<c>/api/gateway/hold-reject</c>: one <c>data</c> item carrying up to 25 <c>ids</c>, UNCONFIRMED
    /// limit), any number of ids, one result per id in order (<c>reject:false</c> is a failed item). Needs
    /// <c>Account | Monitoring | Held | Edit</c>. Never resent after it may have reached Mimecast; an unknown outcome is
    /// checked in the held queue as for <see cref="ReleaseAsync"/>.
    /// </summary>
    /// <param name="ids">The held message ids.</param>
    /// <param name="options">The reason type, message and notify flag; <see langword="null"/> for none and no notice.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One result per id, in order.</returns>
    /// <exception cref="ArgumentException">An id is null or blank (nothing is sent).</exception>
    Task<MimecastBulkResult<string, HeldActionResult>> RejectAsync(IEnumerable<string> ids, HeldRejectOptions? options = null, CancellationToken cancellationToken = default);
}
