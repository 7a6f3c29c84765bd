namespace Mimecast.Sdk.Testing;

/// <summary>
/// Error codes of the SIEM endpoints' own error shape <c>{"error":{"code":…,"message":…}}</c> and of batch file
/// downloads. The codes are the simulator's (Mimecast's are not documented); the shape and the statuses follow the
/// collectors that read these endpoints.
/// </summary>
public static class SimulatorSiemErrorCodes
{
    /// <summary>HTTP 400: <c>dateRangeStartsAt</c>/<c>dateRangeEndsAt</c> malformed, reversed, or (stream) a start older than the stream's window.</summary>
    public const string InvalidDateRange = "invalid_date_range";

    /// <summary>HTTP 400: <c>pageSize</c> not an integer from 1 to 100.</summary>
    public const string InvalidPageSize = "invalid_page_size";

    /// <summary>HTTP 400: <c>nextPage</c> unreadable, made for another query, or pointing at events older than the stream's window (restart from a time).</summary>
    public const string InvalidNextPage = "invalid_next_page";

    /// <summary>HTTP 400: the batch listing needs <c>type</c>.</summary>
    public const string MissingType = "missing_type";

    /// <summary>HTTP 429: the endpoint's quota is used up; wait <c>X-RateLimit-Reset</c> milliseconds.</summary>
    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary>HTTP 403 on a batch file download: the signature does not match or the URL has expired.</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>HTTP 400 on a batch file download that carries an <c>Authorization</c> header (a pre-signed URL takes no other credential).</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>HTTP 404 on a batch file download of an unknown file.</summary>
    public const string NoSuchKey = "NoSuchKey";
}
