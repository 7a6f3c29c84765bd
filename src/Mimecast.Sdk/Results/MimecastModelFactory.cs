using System.Net;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// Builds the SDK's result types for a consumer's own tests (Azure SDK's <c>*ModelFactory</c> pattern): pages, SIEM
/// pages and batch listings, and the <see cref="MimecastApiException"/> family with the status, Mimecast error code
/// and request id the SDK would give them, so a mocked <see cref="IMimecastClient"/> returns and throws exactly what
/// the real one does. The SDK itself never uses it.
/// </summary>
public static class MimecastModelFactory
{
    /// <summary>Builds a page of records.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="items">The records of the page, in order.</param>
    /// <param name="nextPageToken">The token of the next page, or <see langword="null"/> for the last page.</param>
    /// <param name="totalCount">The total Mimecast reported, if any.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the request.</param>
    /// <param name="rateLimit">The quota state reported with the page.</param>
    /// <returns>The page.</returns>
    public static MimecastPage<T> MimecastPage<T>(IEnumerable<T> items, string? nextPageToken = null, int? totalCount = null, string? requestId = null,
        MimecastRateLimitInfo? rateLimit = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new MimecastPage<T>([.. items], nextPageToken) { TotalCount = totalCount, RequestId = requestId, RateLimit = rateLimit };
    }

    /// <summary>Builds a page of the SIEM event stream.</summary>
    /// <param name="events">The events of the page, in order.</param>
    /// <param name="nextPage">The cursor to continue from.</param>
    /// <param name="isCaughtUp">Whether the stream has caught up with the present.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the request.</param>
    /// <returns>The page.</returns>
    public static SiemEventPage SiemEventPage(IEnumerable<SiemEvent> events, string? nextPage = null, bool isCaughtUp = false, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new SiemEventPage([.. events], nextPage, isCaughtUp) { RequestId = requestId };
    }

    /// <summary>Builds a page of the SIEM batch listing.</summary>
    /// <param name="query">The query that listed the page.</param>
    /// <param name="files">The files of the page, in listing order.</param>
    /// <param name="nextPage">The durable cursor of the page.</param>
    /// <param name="isCaughtUp">Whether the listing has caught up.</param>
    /// <param name="requestCursor">The cursor the page was listed from (<see langword="null"/> for the first page).</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the listing request.</param>
    /// <returns>The page.</returns>
    public static SiemBatchPage SiemBatchPage(SiemBatchQuery query, IEnumerable<SiemBatchFile> files, string? nextPage = null, bool isCaughtUp = false,
        string? requestCursor = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(files);
        return new SiemBatchPage(query, requestCursor, [.. files], nextPage, isCaughtUp) { RequestId = requestId };
    }

    /// <summary>Builds a failed Mimecast call, as the SDK reports one that is not an authentication or quota failure.</summary>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> for a transport fault (no answer).</param>
    /// <param name="errorCode">The Mimecast error code (<see cref="MimecastApiException.ErrorCode"/>), if any.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path, for example <c>/api/ttp/url/get-logs</c>.</param>
    /// <param name="retryable">Whether Mimecast marked the error retryable.</param>
    /// <returns>The exception (not thrown).</returns>
    public static MimecastApiException MimecastApiException(HttpStatusCode? statusCode, string? errorCode = null, string? requestId = null, string? operationPath = null,
        bool retryable = false)
    {
        var errors = Errors(errorCode, retryable);
        return new MimecastApiException(Sdk.MimecastApiException.Describe("The Mimecast call failed", operationPath, statusCode, null, errors, requestId),
            statusCode, errors, requestId, operationPath);
    }

    /// <summary>Builds a refused-credentials failure (HTTP 401, or an invalid signature or developer key).</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The Mimecast error code, for example <c>err_xdk_invalid_signature</c> or <c>token_expired</c>.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    /// <returns>The exception (not thrown).</returns>
    public static MimecastAuthenticationException MimecastAuthenticationException(HttpStatusCode? statusCode = HttpStatusCode.Unauthorized, string? errorCode = null,
        string? requestId = null, string? operationPath = null)
    {
        var errors = Errors(errorCode, false);
        return new MimecastAuthenticationException(Sdk.MimecastApiException.Describe("Mimecast refused the credentials", operationPath, statusCode, null, errors, requestId),
            statusCode, errors, requestId, operationPath);
    }

    /// <summary>Builds an expired API 1.0 binding failure (status 418 or <c>err_xdk_binding_expired</c>).</summary>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    /// <returns>The exception (not thrown).</returns>
    public static MimecastBindingExpiredException MimecastBindingExpiredException(string? requestId = null, string? operationPath = null)
    {
        var errors = Errors("err_xdk_binding_expired", false);
        const HttpStatusCode status = (HttpStatusCode)418;
        return new MimecastBindingExpiredException(Sdk.MimecastApiException.Describe("The Mimecast API 1.0 access key binding has expired", operationPath, status, null, errors, requestId),
            status, errors, requestId, operationPath);
    }

    /// <summary>Builds a quota failure: the quota stayed exhausted longer than the client's <c>RateLimit:MaxWait</c>.</summary>
    /// <param name="retryAfter">When a call may go again, as Mimecast announced it.</param>
    /// <param name="totalWait">How long the call already waited for the quota.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    /// <returns>The exception (not thrown).</returns>
    public static MimecastRateLimitException MimecastRateLimitException(TimeSpan? retryAfter, TimeSpan totalWait = default, string? requestId = null, string? operationPath = null)
    {
        const HttpStatusCode status = HttpStatusCode.TooManyRequests;
        return new MimecastRateLimitException(Sdk.MimecastApiException.Describe("The Mimecast quota stayed exhausted", operationPath, status, null, [], requestId),
            retryAfter, totalWait, status, null, requestId, operationPath);
    }

    /// <summary>Builds an unreadable-answer failure (HTML, garbage, an empty or oversized body).</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    /// <returns>The exception (not thrown).</returns>
    public static MimecastInvalidResponseException MimecastInvalidResponseException(HttpStatusCode? statusCode = HttpStatusCode.OK, string? requestId = null, string? operationPath = null) =>
        new(Sdk.MimecastApiException.Describe("Mimecast answered with a body that is not a valid JSON envelope", operationPath, statusCode, null, [], requestId),
            statusCode, requestId, operationPath);

    /// <summary>Builds a refused SIEM cursor failure (HTTP 400 on a request with a cursor).</summary>
    /// <param name="errorCode">The Mimecast error code, if any.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the request.</param>
    /// <param name="operationPath">The API path.</param>
    /// <returns>The exception (not thrown).</returns>
    public static MimecastInvalidCursorException MimecastInvalidCursorException(string? errorCode = null, string? requestId = null, string? operationPath = null)
    {
        var errors = Errors(errorCode, false);
        const HttpStatusCode status = HttpStatusCode.BadRequest;
        return new MimecastInvalidCursorException(
            Sdk.MimecastApiException.Describe("Mimecast refused the SIEM cursor (stale or invalid): restart from a time", operationPath, status, null, errors, requestId),
            status, errors, requestId, operationPath);
    }

    private static MimecastError[] Errors(string? code, bool retryable) =>
        string.IsNullOrEmpty(code) ? [] : [new MimecastError { Code = code, Retryable = retryable }];
}
