namespace Mimecast.Sdk.Testing;

/// <summary>The error codes the <see cref="MimecastSimulator"/> answers in <c>fail</c> items.</summary>
/// <remarks>
/// Codes marked "seen" are ones the real service is known to use; the others are the simulator's
/// choice where the real code is undocumented. Clients should keep codes as strings.
/// </remarks>
public static class SimulatorErrorCodes
{
    /// <summary>HTTP 400: a required header (<c>Authorization</c>, <c>x-mc-date</c>, <c>x-mc-req-id</c>, <c>x-mc-app-id</c>) is missing.</summary>
    public const string MissingHeaders = "err_xdk_missing_headers";

    /// <summary>HTTP 401: the <c>Authorization</c> scheme is not accepted on this path, or its value is malformed.</summary>
    public const string InvalidAuthorization = "err_xdk_invalid_authorization";

    /// <summary>HTTP 401 (seen): the HMAC signature does not match.</summary>
    public const string InvalidSignature = "err_xdk_invalid_signature";

    /// <summary>HTTP 401: the access key names no binding (never issued, or logged out).</summary>
    public const string InvalidAccessKey = "err_xdk_invalid_access_key";

    /// <summary>HTTP 401 (seen): <c>x-mc-app-id</c> is not the user's registered application.</summary>
    public const string DeveloperKey = "err_developer_key";

    /// <summary>HTTP 401: <c>x-mc-date</c> is further than the allowed skew from the server clock.</summary>
    public const string InvalidDate = "err_xdk_invalid_date";

    /// <summary>HTTP 400: <c>x-mc-date</c> is not in the <c>ddd, dd MMM yyyy HH:mm:ss UTC</c> format.</summary>
    public const string InvalidDateFormat = "err_xdk_invalid_date_format";

    /// <summary>HTTP 401: the <c>x-mc-req-id</c> was already used (a retry must be a new, newly signed request).</summary>
    public const string DuplicateRequestId = "err_xdk_duplicate_request_id";

    /// <summary>HTTP 418 (seen): the binding has expired; refresh it.</summary>
    public const string BindingExpired = "err_xdk_binding_expired";

    /// <summary>HTTP 401: wrong user name or password on login.</summary>
    public const string InvalidCredentials = "err_xdk_invalid_credentials";

    /// <summary>HTTP 200 fail: discover-authentication for an unknown address.</summary>
    public const string UserNotFound = "err_xdk_user_not_found";

    /// <summary>HTTP 200 fail: a refresh named an access key that is not one of the user's bindings.</summary>
    public const string BindingNotFound = "err_xdk_binding_not_found";

    /// <summary>HTTP 401 (seen, API 2.0): the bearer token is unknown or expired (flat <c>fail</c> item).</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>HTTP 401 on <c>/oauth/token</c>: unknown client id or wrong secret (OAuth <c>error</c>).</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>HTTP 400 on <c>/oauth/token</c>: grant type other than <c>client_credentials</c>.</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>HTTP 400 on <c>/oauth/token</c>: missing parameters or not form-encoded.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>HTTP 429: the user's quota is exhausted; the operation was not executed.</summary>
    public const string RateLimitExceeded = "err_xdk_rate_limit_exceeded";

    /// <summary>HTTP 405: the operation is not a POST.</summary>
    public const string MethodNotAllowed = "err_method_not_allowed";

    /// <summary>HTTP 404: no such operation.</summary>
    public const string NotFound = "err_resource_not_found";

    /// <summary>HTTP 400: the body is not a JSON envelope.</summary>
    public const string MalformedRequest = "err_validation_malformed_request";

    /// <summary>HTTP 200 fail (seen): a required field is missing.</summary>
    public const string ValidationNull = "err_validation_null";

    /// <summary>HTTP 200 fail (seen): a required field is blank.</summary>
    public const string ValidationBlank = "err_validation_blank";

    /// <summary>HTTP 200 fail (seen): a field is not an email address.</summary>
    public const string InvalidEmailAddress = "err_validation_invalid_email_address";

    /// <summary>HTTP 200 fail: a field has a value outside its allowed set or of the wrong type.</summary>
    public const string InvalidValue = "err_validation_invalid_value";

    /// <summary>HTTP 200 fail: <c>from</c> / <c>to</c> is not ISO 8601 with an offset.</summary>
    public const string InvalidDateValue = "err_validation_invalid_date";

    /// <summary>HTTP 200 fail: the page size is below 1 or above <see cref="MimecastSimulatorOptions.MaxPageSize"/>.</summary>
    public const string PageSize = "err_validation_page_size";

    /// <summary>HTTP 200 fail: the page token is not one this simulator issued for the same query and user.</summary>
    public const string InvalidPageToken = "err_validation_invalid_page_token";

    /// <summary>HTTP 503 (fault): the service is unavailable; retryable.</summary>
    public const string ServiceUnavailable = "err_service_unavailable";

    /// <summary>HTTP 200 fail (fault): an internal error; <c>retryable: true</c>.</summary>
    public const string InternalError = "err_internal_server_error";

    /// <summary>
    /// HTTP 400: a request carries fewer or more <c>data</c> items than the operation takes in one call (e.g. 1–25 URLs
    /// to decode). The code Mimecast answers is unconfirmed; the limits are documented.
    /// </summary>
    public const string ItemCount = "err_validation_item_count";
}
