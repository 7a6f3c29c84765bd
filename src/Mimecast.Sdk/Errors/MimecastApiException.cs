using System.Net;
using System.Text;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// A Mimecast call failed: an HTTP error, an HTTP 200 whose <c>fail</c> array is not empty or whose function status
/// is not 2xx, or a transport failure after the retries. Carries the status, every Mimecast error, the request id
/// of the last attempt and the operation path. Its message never contains a key, token, password or body.
/// </summary>
public class MimecastApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no response arrived.</param>
    /// <param name="errors">The errors Mimecast reported.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path, for example <c>/api/ttp/url/get-logs</c>.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MimecastApiException(string message, HttpStatusCode? statusCode = null, IReadOnlyList<MimecastError>? errors = null,
        string? requestId = null, string? operationPath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = Models.ReadOnlyItems.Of(errors);
        RequestId = requestId;
        OperationPath = operationPath;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public MimecastApiException()
        : this("A Mimecast API call failed.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastApiException(string message)
        : this(message, null, null, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastApiException(string message, Exception innerException)
        : this(message, null, null, null, null, innerException)
    {
    }

    /// <summary>Gets the HTTP status, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the function status from <c>meta.status</c>, which may differ from the HTTP status.</summary>
    public int? FunctionStatus { get; init; }

    /// <summary>Gets every error Mimecast reported, in order.</summary>
    public IReadOnlyList<MimecastError> Errors { get; }

    /// <summary>Gets the first error code, or <see langword="null"/>.</summary>
    public string? ErrorCode => Errors.Count > 0 ? Errors[0].Code : null;

    /// <summary>Gets a value indicating whether any reported error is marked retryable.</summary>
    public bool IsRetryable => Errors.Any(static e => e.Retryable);

    /// <summary>Gets the <c>x-mc-req-id</c> of the last attempt, for Mimecast support.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the API path of the operation.</summary>
    public string? OperationPath { get; }

    internal static string Describe(string what, string? operationPath, HttpStatusCode? status, int? functionStatus, IReadOnlyList<MimecastError> errors, string? requestId)
    {
        var text = new StringBuilder(what);
        if (operationPath is not null)
        {
            text.Append(" (").Append(operationPath).Append(')');
        }

        if (status is not null)
        {
            text.Append(": HTTP ").Append((int)status.Value).Append(' ').Append(status.Value);
        }

        if (functionStatus is not null && (status is null || functionStatus != (int)status.Value))
        {
            text.Append(", function status ").Append(functionStatus.Value);
        }

        if (errors.Count > 0)
        {
            text.Append(". Errors: ").AppendJoin("; ", errors);
        }

        if (requestId is not null)
        {
            text.Append(". Request id: ").Append(requestId);
        }

        return text.Append('.').ToString();
    }
}

/// <summary>
/// Mimecast refused the credentials: HTTP 401 (wrong key or signature, unknown application, expired or invalid
/// bearer token), a failed API 2.0 token request, a failed login, or missing credentials.
/// </summary>
public class MimecastAuthenticationException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="statusCode">The HTTP status, if a response arrived.</param>
    /// <param name="errors">The errors Mimecast reported.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MimecastAuthenticationException(string message, HttpStatusCode? statusCode = null, IReadOnlyList<MimecastError>? errors = null,
        string? requestId = null, string? operationPath = null, Exception? innerException = null)
        : base(message, statusCode, errors, requestId, operationPath, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastAuthenticationException()
        : this("Mimecast refused the credentials.")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastAuthenticationException(string message, Exception innerException)
        : this(message, null, null, null, null, innerException)
    {
    }
}

/// <summary>
/// The API 1.0 access key binding has expired (HTTP 418, <c>err_xdk_binding_expired</c>). Extend it with
/// <c>RefreshTokenAsync</c> (preferred: Mimecast limits bindings per user) or obtain a new one with <c>LoginAsync</c>.
/// </summary>
public sealed class MimecastBindingExpiredException : MimecastAuthenticationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errors">The errors Mimecast reported.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    public MimecastBindingExpiredException(string message, HttpStatusCode? statusCode = null, IReadOnlyList<MimecastError>? errors = null,
        string? requestId = null, string? operationPath = null)
        : base(message, statusCode, errors, requestId, operationPath)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastBindingExpiredException()
        : this("The Mimecast API 1.0 access key binding has expired: refresh it with RefreshTokenAsync or log in again.")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastBindingExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The quota stayed exhausted for longer than <see cref="MimecastRateLimitOptions.MaxWait"/> (or more 429 answers
/// came than <see cref="MimecastRateLimitOptions.MaxRetries"/>). The request was not executed by Mimecast.
/// </summary>
public sealed class MimecastRateLimitException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="retryAfter">How long Mimecast asked to wait before the next call, if known.</param>
    /// <param name="totalWait">How long this request already waited for the quota.</param>
    /// <param name="statusCode">The HTTP status (429), if a response arrived.</param>
    /// <param name="errors">The errors Mimecast reported.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    public MimecastRateLimitException(string message, TimeSpan? retryAfter, TimeSpan totalWait, HttpStatusCode? statusCode = null,
        IReadOnlyList<MimecastError>? errors = null, string? requestId = null, string? operationPath = null)
        : base(message, statusCode, errors, requestId, operationPath)
    {
        RetryAfter = retryAfter;
        TotalWait = totalWait;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastRateLimitException()
        : this("The Mimecast quota stayed exhausted for longer than allowed.", null, TimeSpan.Zero)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastRateLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets how long Mimecast asked to wait before the next call, if known.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets how long the request waited for the quota before giving up.</summary>
    public TimeSpan TotalWait { get; }
}

/// <summary>
/// Mimecast answered with something that is not a valid response envelope: malformed JSON, an HTML error page, an
/// empty body, or a repeated page token.
/// </summary>
public sealed class MimecastInvalidResponseException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public MimecastInvalidResponseException(string message, HttpStatusCode? statusCode, string? requestId, string? operationPath, Exception? innerException = null)
        : base(message, statusCode, null, requestId, operationPath, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastInvalidResponseException()
        : this("Mimecast answered with an invalid response.", null, null, null)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastInvalidResponseException(string message)
        : this(message, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastInvalidResponseException(string message, Exception innerException)
        : this(message, null, null, null, innerException)
    {
    }
}
