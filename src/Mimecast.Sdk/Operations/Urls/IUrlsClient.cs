using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// URL Protect actions (<c>client.Urls</c>), over API 1.0 or 2.0: decode rewritten links and manage the block/permit
/// list. Thread-safe; can be faked on its own. Every write is logged at Information, traced and counted (<c>mimecast.actions</c>).
/// </summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface IUrlsClient
{
    /// <summary>
    /// Decodes rewritten URLs (<c>https://protect-xx.mimecast.com/…</c>) to the original links, in calls of at most 25
    /// URLs; a read, so it is retried like one. Needs the permission <c>Account | Dashboard | Read</c> (documented for API 2.0).
    /// </summary>
    /// <param name="urls">Any number of rewritten URLs.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>
    /// One result per URL, in order. A URL Mimecast could not decode is <see cref="MimecastItemStatus.Failed"/> whichever
    /// way Mimecast says so (a <c>fail</c> entry, or <c>success:false</c> in <c>data</c>, reported with the code
    /// <c>url_not_decoded</c>); which of the two Mimecast uses is unconfirmed. Call <see cref="MimecastBulkResult{TItem, TResult}.EnsureSuccess"/> for all-or-nothing.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="urls"/> is null.</exception>
    Task<MimecastBulkResult<string, DecodedUrl>> DecodeAsync(IEnumerable<string> urls, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the managed URLs matching <paramref name="query"/> (every entry when null), page by page. Needs
    /// <c>Services | Targeted Threat Protection - URL Protect | Edit</c>. Ids are opaque and may change between reads.
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all (sent as <c>"data":[]</c>).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries, each once, in Mimecast's order.</returns>
    MimecastPageable<ManagedUrl> GetManagedUrlsAsync(ManagedUrlQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a URL to the block or permit list. Needs <c>Services | Targeted Threat Protection - URL Protect | Edit</c>.
    /// Never sent twice by accident (a 429 is resent: Mimecast did not run it). An existing entry for the URL is not an
    /// error: <see cref="ManagedUrlCreateOutcome.AlreadyExists"/> when it has the same action (and match type, when one
    /// is asked), else <see cref="ManagedUrlCreateOutcome.Conflict"/>, both confirmed by a re-read with
    /// <c>exactMatch</c>. When the answer is lost (5xx, timeout, cut connection), the SDK re-reads the list with
    /// <c>domainOrUrl</c> = the URL and <c>exactMatch</c> = true: present with the same action is
    /// <see cref="ManagedUrlCreateOutcome.CreatedVerified"/>, absent is <see cref="ManagedUrlCreateOutcome.NotCreated"/>
    /// (safe to call again: Mimecast refuses duplicates), present with another action is <see cref="ManagedUrlCreateOutcome.Conflict"/>.
    /// </summary>
    /// <param name="request">The URL, action and flags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome and the entry Mimecast holds.</returns>
    /// <exception cref="ArgumentException">The URL is empty or has a <c>#fragment</c>, or the action is empty.</exception>
    /// <exception cref="MimecastOutcomeUnknownException">The answer was lost and the re-read failed too: check the list as <see cref="MimecastOutcomeUnknownException.WhatToCheck"/> says.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the URL for another reason (the code says why).</exception>
    Task<ManagedUrlCreateResult> CreateManagedUrlAsync(ManagedUrlRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a managed URL by its id (as listed just before: ids are not stable across reads). Needs
    /// <c>Services | URL Protection | Edit</c>. Idempotent, so retried like a read: an id Mimecast does not have
    /// (<c>err_managed_url_not_found</c>) is <see cref="MimecastDeleteOutcome.AlreadyAbsent"/>.
    /// </summary>
    /// <param name="id">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was deleted now or was already absent.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    Task<MimecastDeleteOutcome> DeleteManagedUrlAsync(string id, CancellationToken cancellationToken = default);
}
