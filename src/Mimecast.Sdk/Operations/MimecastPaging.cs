using System.Net;
using System.Runtime.CompilerServices;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The one page loop of the SDK, used by the client's streams and by the incident feed: follows
/// <c>meta.pagination.next</c> one page at a time, stops on an empty page (even with a token), fails on a repeated
/// token, and requests nothing once cancelled.
/// </summary>
internal static class MimecastPaging
{
    // Bounds the page loop (500 records a page makes this 500 million records).
    private const int MaxPagesPerStream = 1_000_000;

    internal static async IAsyncEnumerable<TItem> StreamAsync<TItem>(Func<string?, Task<MimecastPage<TItem>>> fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        for (var pageNumber = 0; pageNumber < MaxPagesPerStream; pageNumber++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(token).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            // Guards: a page with no records ends the listing even if a token came with it.
            if (!page.HasMore || page.Items.Count == 0)
            {
                yield break;
            }

            if (string.Equals(page.NextPageToken, token, StringComparison.Ordinal))
            {
                throw new MimecastInvalidResponseException("Mimecast returned the same page token twice; stopping rather than reading the same page again.",
                    HttpStatusCode.OK, page.RequestId, null);
            }

            token = page.NextPageToken;
        }

        throw new MimecastInvalidResponseException($"The listing did not end after {MaxPagesPerStream} pages; stopping.");
    }
}
