using System.Runtime.CompilerServices;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Lists a time-ordered source (oldest first, <c>from</c> inclusive at one-second granularity) so that every second's
/// records come from one page, never from both sides of a page boundary. Mimecast does not document whether a page
/// token is a snapshot position or an offset into the live listing; under an offset, a record published mid-listing
/// shifts the next page and the last record of one page comes again first on the next. Records without an id are
/// told apart by their occurrence number within their second, so such a repeat would count as a new occurrence.
/// Instead of following a page's token, the read therefore delivers the page up to (not including) its last second
/// and starts a new listing from that second (one request per page, as with tokens; only that second's records are
/// sent twice, and no page is read ahead); a page that is one second alone is asked again with
/// <see cref="WidePageSize"/>. Only a second with more records than that is still read across page boundaries.
/// </summary>
internal static class SecondAlignedListing
{
    /// <summary>The page size asked for when one second fills a whole page (what Mimecast's own connectors use).</summary>
    internal const int WidePageSize = 500;

    // Every request starts a later second than the one before, widens the page once, or follows a token inside one
    // second, so a read needs about one request per page; this bound is far above any real read.
    private const int MaxRequests = 100_000;

    /// <summary>The records from <paramref name="from"/> on, each second from one page.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="from">The start of the read.</param>
    /// <param name="pageSize">The page size asked for.</param>
    /// <param name="fetch">Requests one page: the query's start and page size, and the page token (null: a new listing).</param>
    /// <param name="timeOf">The record's time (null: the record belongs to the second of the record before it).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, oldest first.</returns>
    internal static async IAsyncEnumerable<T?> ReadAsync<T>(
        DateTimeOffset from,
        int pageSize,
        Func<DateTimeOffset, int, string?, Task<MimecastPage<T>>> fetch,
        Func<T, DateTimeOffset?> timeOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var start = from;
        var size = pageSize;
        string? token = null;
        var position = from;
        for (var request = 0; request < MaxRequests; request++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(start, size, token).ConfigureAwait(false);
            var items = page.Items;
            var keep = items.Count;
            if (page.HasMore && items.Count > 0)
            {
                (keep, var last) = LastSecond(items, position, timeOf);
                if (keep > 0 || size < WidePageSize)
                {
                    // A new listing from the page's last second (wider when that second filled the whole page).
                    size = keep > 0 ? size : WidePageSize;
                    start = last;
                    token = null;
                }
                else
                {
                    // One second holds more than a wide page: only here is a second read across a page boundary.
                    keep = items.Count;
                    token = page.NextPageToken != token ? page.NextPageToken
                        : throw new MimecastPagingException($"The listing from {start:O} answered the same page token twice.", MimecastPagingFailure.TokenCycle, request + 1, page.RequestId);
                }
            }

            for (var i = 0; i < keep; i++)
            {
                position = SecondOf(items[i], position, timeOf);
                yield return items[i];
            }

            if (!page.HasMore || items.Count == 0)
            {
                yield break;
            }
        }

        throw new MimecastPagingException($"The listing from {from:O} needed more than {MaxRequests} page requests; poll more often.", MimecastPagingFailure.TooManyPages, MaxRequests, null);
    }

    /// <summary>The page's last second and the index of its first record (a record without a time is in the second before it).</summary>
    private static (int First, DateTimeOffset Second) LastSecond<T>(IReadOnlyList<T> items, DateTimeOffset position, Func<T, DateTimeOffset?> timeOf)
        where T : class
    {
        var seconds = new DateTimeOffset[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            position = SecondOf(items[i], position, timeOf);
            seconds[i] = position;
        }

        var first = items.Count - 1;
        while (first > 0 && seconds[first - 1] == position)
        {
            first--;
        }

        return (first, position);
    }

    /// <summary>The second a record is read in: its own, never behind the record before it (<paramref name="position"/>).</summary>
    private static DateTimeOffset SecondOf<T>(T? item, DateTimeOffset position, Func<T, DateTimeOffset?> timeOf)
        where T : class =>
        item is not null && timeOf(item) is { } t && MimecastFeedCheckpoint.TruncateToSecond(t) is var s && s > position ? s : position;
}
