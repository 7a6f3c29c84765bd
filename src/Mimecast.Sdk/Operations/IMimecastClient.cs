using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The Mimecast operations of one customer account, over API 1.0 or 2.0 as configured. Thread-safe; obtain it from
/// dependency injection (<c>AddMimecastClient</c>) or from <see cref="IMimecastClientFactory"/> by name.
/// </summary>
/// <remarks>
/// Every method throws <see cref="MimecastApiException"/> (or a subtype) when Mimecast reports a failure, including an
/// HTTP 200 whose <c>fail</c> array is not empty; <see cref="MimecastAuthenticationException"/> for refused credentials;
/// <see cref="MimecastBindingExpiredException"/> for an expired API 1.0 binding; <see cref="MimecastRateLimitException"/>
/// when the quota stays exhausted past the configured wait; <see cref="OperationCanceledException"/> when cancelled.
/// </remarks>
public interface IMimecastClient
{
    /// <summary>Gets the client's name (the empty string for the default client).</summary>
    string Name { get; }

    /// <summary>
    /// Looks up how a user may authenticate and which regional host serves the account
    /// (<c>/api/login/discover-authentication</c> on <see cref="MimecastClientOptions.DiscoveryUrl"/>).
    /// </summary>
    /// <param name="emailAddress">The user's email address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The authentication types and region of the user.</returns>
    Task<MimecastAuthenticationInfo> DiscoverAuthenticationAsync(string emailAddress, CancellationToken cancellationToken = default);

    /// <summary>Logs a user in and creates a new API 1.0 access key binding (<c>/api/login/login</c>).</summary>
    /// <param name="credentials">The user's email, password and password type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new access key and secret key.</returns>
    /// <remarks>Mimecast limits the number of bindings per user: prefer <see cref="RefreshTokenAsync"/> for an existing key.</remarks>
    Task<MimecastAccessKey> LoginAsync(MimecastUserCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>Extends the validity of an existing API 1.0 access key in place (the login flow with the key).</summary>
    /// <param name="credentials">The user's email, password and password type.</param>
    /// <param name="accessKey">The access key to extend.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The binding, with the same access key and its new duration.</returns>
    Task<MimecastAccessKey> RefreshTokenAsync(MimecastUserCredentials credentials, string accessKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes an API 1.0 access key binding of the client's user (<c>/api/login/logout</c>, signed with the client's
    /// own binding), on the API 1.0 host (<see cref="MimecastApi1Options.BaseUrl"/>, an API 1.0 client's
    /// <see cref="MimecastClientOptions.BaseUrl"/>, or the region discovered last).
    /// </summary>
    /// <param name="accessKey">The access key to revoke (the client's own, or another binding of the same user).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Mimecast confirmed the revocation.</returns>
    /// <exception cref="InvalidOperationException">No API 1.0 host is known, or the client has no API 1.0 binding to sign with; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The implementation predates this member (members added after 1.0 have a default that throws this).</exception>
    Task LogoutAsync(string accessKey, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().FullName} does not implement IMimecastClient.LogoutAsync, which was added after version 1.0 of Mimecast.Sdk.");

    /// <summary>
    /// Lists every URL click log matching <paramref name="query"/>: <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens. The next page is requested while
    /// the current one is consumed (see <see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing (linked with the enumeration's token): the request in flight, quota holds and retry delays.</param>
    /// <returns>The records, each exactly once, in the order Mimecast sends them.</returns>
    MimecastPageable<TtpUrlLog> GetTtpUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of URL click logs, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all. Send the same query with every token of one listing.</param>
    /// <param name="pageToken">The <see cref="MimecastPage{T}.NextPageToken"/> of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<TtpUrlLog>> GetTtpUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every attachment log matching <paramref name="query"/>: <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens. The next page is requested while
    /// the current one is consumed (see <see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing (linked with the enumeration's token): the request in flight, quota holds and retry delays.</param>
    /// <returns>The records, each exactly once, in the order Mimecast sends them.</returns>
    MimecastPageable<TtpAttachmentLog> GetTtpAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of attachment logs, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<TtpAttachmentLog>> GetTtpAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every impersonation log matching <paramref name="query"/>: <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens. The next page is requested while
    /// the current one is consumed (see <see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing (linked with the enumeration's token): the request in flight, quota holds and retry delays.</param>
    /// <returns>The records, each exactly once, in the order Mimecast sends them.</returns>
    MimecastPageable<TtpImpersonationLog> GetTtpImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of impersonation logs, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The filters, or <see langword="null"/> for all.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<TtpImpersonationLog>> GetTtpImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the SIEM events of the requested types over a time range (<c>GET /siem/v1/events/cg</c>, API 2.0),
    /// following <c>@nextPage</c> until Mimecast reports it has caught up, or a page comes back empty or short. Events a
    /// page repeats from the previous page are delivered once. Calls are paced to the documented quota
    /// (<see cref="MimecastSiemOptions.StreamPacing"/>), so a long read waits rather than provoking HTTP 429. The next
    /// page is requested while the current one is consumed (<see cref="MimecastPagingOptions.ReadAhead"/>); a cursor
    /// seen before in the same read, or the <see cref="MimecastClientOptions.Paging"/> bounds, end the stream with
    /// <see cref="MimecastPagingException"/> after every event read has been delivered.
    /// </summary>
    /// <param name="query">The types and range, or <see langword="null"/> for every type from Mimecast's default start.</param>
    /// <param name="cancellationToken">Stops the stream; no further page is requested once it is cancelled.</param>
    /// <returns>The events in the order Mimecast sends them, type after type.</returns>
    /// <exception cref="MimecastInvalidCursorException">Mimecast refused a cursor (HTTP 400): restart from a time.</exception>
    IAsyncEnumerable<SiemEvent> GetSiemEventsAsync(SiemEventQuery? query = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read SIEM events.");

    /// <summary>Gets one page of the SIEM event stream and its cursor, for callers that save the cursor to resume later.</summary>
    /// <param name="query">The range and at most one type. Send the same query with every cursor of one reading.</param>
    /// <param name="nextPage">The <see cref="SiemEventPage.NextPage"/> of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call (and any pacing wait).</param>
    /// <returns>The page, its cursor and whether the stream has caught up. Pages are not de-duplicated against each other here.</returns>
    Task<SiemEventPage> GetSiemEventsPageAsync(SiemEventQuery? query, string? nextPage, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read SIEM events.");

    /// <summary>
    /// Lists one page of SIEM batch files of one type (<c>GET /siem/v1/batch/events/cg</c>, API 2.0). Calls are paced
    /// to the documented quota (<see cref="MimecastSiemOptions.BatchListPacing"/>, 50 per 15 minutes).
    /// </summary>
    /// <param name="query">The type and day range.</param>
    /// <param name="nextPage">The saved <see cref="SiemBatchPage.NextPage"/> cursor, or <see langword="null"/> for the first listing.</param>
    /// <param name="cancellationToken">Cancels the call (and any pacing wait).</param>
    /// <returns>The files and the durable cursor to save once every file of the page is processed.</returns>
    Task<SiemBatchPage> GetSiemBatchPageAsync(SiemBatchQuery query, string? nextPage, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read SIEM batches.");

    /// <summary>
    /// Downloads, decompresses and parses the files of a batch page, streaming line by line (no file is held in memory),
    /// with up to <see cref="MimecastSiemOptions.MaxParallelDownloads"/> downloads at once. Each file's lines come out in
    /// order; the events of files read at the same time interleave unless
    /// <see cref="MimecastSiemOptions.PreserveListingOrder"/> is set. After a file fails, no further file is started,
    /// the files in flight are read to their end, and then the failure is thrown. Downloads carry no Mimecast credentials. An expired link (HTTP 403/404) is
    /// re-listed from the page's cursor up to <see cref="MimecastSiemOptions.ExpiredLinkRelists"/> times, then the
    /// file is skipped, logged and counted (<c>mimecast.siem.batch.files_skipped</c>).
    /// </summary>
    /// <param name="page">A page from <see cref="GetSiemBatchPageAsync"/>.</param>
    /// <param name="cancellationToken">Stops every download.</param>
    /// <returns>The events of every file of the page.</returns>
    /// <exception cref="MimecastBatchFileException">A malformed line (file and line number), a truncated file or a failed download.</exception>
    IAsyncEnumerable<SiemEvent> ReadSiemBatchFilesAsync(SiemBatchPage page, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read SIEM batches.");

    /// <summary>
    /// Lists and reads SIEM batch files of one type from a cursor until the listing has caught up: the loop of
    /// <see cref="GetSiemBatchPageAsync"/> and <see cref="ReadSiemBatchFilesAsync"/>, for callers that do not save cursors.
    /// </summary>
    /// <param name="query">The type and day range.</param>
    /// <param name="nextPage">A saved cursor to start from, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the listing and every download.</param>
    /// <returns>The events, file by file.</returns>
    IAsyncEnumerable<SiemEvent> GetSiemBatchEventsAsync(SiemBatchQuery query, string? nextPage = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read SIEM batches.");

    /// <summary>
    /// Lists the account's audit events (<c>/api/audit/get-audit-events</c>): <c>await foreach</c> over the records, or
    /// <see cref="MimecastPageable{T}.AsPages"/> for pages and continuation tokens (the same <c>data</c> is resent with
    /// every token). The next page is requested while the current one is consumed (<see cref="MimecastPagingOptions.ReadAhead"/>).
    /// </summary>
    /// <param name="query">The period (at most 60 days back), text and categories.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The events, in the order Mimecast sends them.</returns>
    /// <exception cref="ArgumentException">The period is missing, reversed or starts more than 60 days ago.</exception>
    MimecastPageable<AuditEvent> GetAuditEventsAsync(AuditEventQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read audit events.");

    /// <summary>Gets one page of audit events, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The period, text and categories. Send the same query with every token of one listing.</param>
    /// <param name="pageToken">The token of the page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token of the next one.</returns>
    Task<MimecastPage<AuditEvent>> GetAuditEventsPageAsync(AuditEventQuery query, string? pageToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This IMimecastClient implementation does not read audit events.");
}

/// <summary>Returns the <see cref="IMimecastClient"/> of a named customer registration. Clients are cached: calling this per request is cheap.</summary>
public interface IMimecastClientFactory
{
    /// <summary>Gets the client for <paramref name="name"/> (the empty string for the default client).</summary>
    /// <param name="name">The name given to <c>AddMimecastClient</c>, or any name your own options source configures.</param>
    /// <returns>The client. Its options are read on every call, so credential changes apply to the next request.</returns>
    IMimecastClient CreateClient(string name);
}
