using System.Globalization;
using System.Net.Http.Headers;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Http;

/// <summary>Reads Mimecast's <c>X-RateLimit-*</c> headers. <c>X-RateLimit-Reset</c> is milliseconds, not epoch seconds.</summary>
internal static class RateLimitHeaders
{
    internal static MimecastRateLimitInfo? Read(HttpResponseHeaders headers)
    {
        var limit = ReadInt(headers, MimecastHeaders.RateLimitLimit);
        var remaining = ReadInt(headers, MimecastHeaders.RateLimitRemaining);
        var reset = ReadMilliseconds(headers, MimecastHeaders.RateLimitReset);
        return limit is null && remaining is null && reset is null ? null : new MimecastRateLimitInfo { Limit = limit, Remaining = remaining, Reset = reset };
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        && value >= 0 ? value : null;

    private static TimeSpan? ReadMilliseconds(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values)
            || !double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            || double.IsNaN(ms) || ms < 0 || ms > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            // Missing, garbled, negative or absurd: the caller falls back to a bounded jittered backoff.
            return null;
        }

        // Round up: waiting a fraction of a millisecond less than asked would be early.
        return TimeSpan.FromMilliseconds(Math.Ceiling(ms));
    }
}
