using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>Targeted Threat Protection logs (<c>client.Ttp</c>): URL clicks, attachments and impersonation, over API 1.0 or 2.0. Thread-safe; each can be faked on its own.</summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface ITtpClient
{
    /// <summary>
    /// Lists every URL click log matching <paramref name="query"/>: <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens. The next page is requested while
    /// the current one is consumed (see <see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing (linked with the enumeration's token): the request in flight, quota holds and retry delays.</param>
    /// <returns>The records, each exactly once, in the order Mimecast sends them.</returns>
    MimecastPageable<TtpUrlLog> GetUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of URL click logs, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all. Send the same query with every token of one listing.</param>
    /// <param name="pageToken">The <see cref="MimecastPage{T}.NextPageToken"/> of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<TtpUrlLog>> GetUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every attachment log matching <paramref name="query"/>: <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens. The next page is requested while
    /// the current one is consumed (see <see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing (linked with the enumeration's token): the request in flight, quota holds and retry delays.</param>
    /// <returns>The records, each exactly once, in the order Mimecast sends them.</returns>
    MimecastPageable<TtpAttachmentLog> GetAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of attachment logs, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<TtpAttachmentLog>> GetAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every impersonation log matching <paramref name="query"/>: <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens. The next page is requested while
    /// the current one is consumed (see <see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing (linked with the enumeration's token): the request in flight, quota holds and retry delays.</param>
    /// <returns>The records, each exactly once, in the order Mimecast sends them.</returns>
    MimecastPageable<TtpImpersonationLog> GetImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of impersonation logs, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<TtpImpersonationLog>> GetImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default);
}
