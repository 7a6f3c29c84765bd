namespace Mimecast.Sdk.Models;

/// <summary>One page of results and the token of the next page.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class MimecastPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The records of this page.</param>
    /// <param name="nextPageToken">The token of the next page, or <see langword="null"/> on the last page.</param>
    public MimecastPage(IReadOnlyList<T> items, string? nextPageToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = ReadOnlyItems.Of(items);
        NextPageToken = string.IsNullOrEmpty(nextPageToken) ? null : nextPageToken;
    }

    /// <summary>Gets the records of this page, in the order Mimecast sent them (a read-only snapshot).</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Gets the opaque token of the next page (pass it back unchanged), or <see langword="null"/> on the last page.</summary>
    public string? NextPageToken { get; }

    /// <summary>Gets a value indicating whether another page follows.</summary>
    public bool HasMore => NextPageToken is not null;

    /// <summary>Gets the total number of records, when Mimecast reports it.</summary>
    public int? TotalCount { get; init; }

    /// <summary>Gets the <c>x-mc-req-id</c> of the request that returned this page.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the quota state reported with this page, if any.</summary>
    public MimecastRateLimitInfo? RateLimit { get; init; }
}

/// <summary>The quota state Mimecast reported on one response.</summary>
public sealed record MimecastRateLimitInfo
{
    /// <summary>Gets the bucket's quota (<c>X-RateLimit-Limit</c>).</summary>
    public int? Limit { get; init; }

    /// <summary>Gets the calls left (<c>X-RateLimit-Remaining</c>).</summary>
    public int? Remaining { get; init; }

    /// <summary>Gets the time until a call is added back (<c>X-RateLimit-Reset</c>, milliseconds on the wire).</summary>
    public TimeSpan? Reset { get; init; }
}
