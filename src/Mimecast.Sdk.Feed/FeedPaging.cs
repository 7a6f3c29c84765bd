using System.Net;
using System.Runtime.CompilerServices;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// The feed's page loop over the public <c>Get…PageAsync</c> seam of <see cref="IMimecastClient"/>: follows the page
/// token one page at a time, stops on an empty page (even with a token), fails on a repeated token, and requests
/// nothing once cancelled.
/// </summary>
internal static class FeedPaging
{
    // Bounds the loop (500 records a page makes this 500 million records).
    private const int MaxPages = 1_000_000;

    internal static async IAsyncEnumerable<TItem> StreamAsync<TItem>(Func<string?, CancellationToken, Task<MimecastPage<TItem>>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        for (var pageNumber = 0; pageNumber < MaxPages; pageNumber++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

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

        throw new MimecastInvalidResponseException($"The listing did not end after {MaxPages} pages; stopping.");
    }
}
