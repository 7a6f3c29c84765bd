namespace Mimecast.Sdk.Auth;

/// <summary>Names of the HTTP headers the Mimecast API uses.</summary>
public static class MimecastHeaders
{
    /// <summary>The request date header signed by API 1.0 (<c>ddd, dd MMM yyyy HH:mm:ss UTC</c>).</summary>
    public const string Date = "x-mc-date";

    /// <summary>The per-attempt request id header (a fresh GUID on every attempt).</summary>
    public const string RequestId = "x-mc-req-id";

    /// <summary>The API 1.0 application id header.</summary>
    public const string AppId = "x-mc-app-id";

    /// <summary>The quota of the user's bucket, sent on every response.</summary>
    public const string RateLimitLimit = "X-RateLimit-Limit";

    /// <summary>The calls left in the user's bucket, sent on every response.</summary>
    public const string RateLimitRemaining = "X-RateLimit-Remaining";

    /// <summary>Milliseconds until a call is added back to the bucket, sent on every response.</summary>
    public const string RateLimitReset = "X-RateLimit-Reset";

    internal static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
