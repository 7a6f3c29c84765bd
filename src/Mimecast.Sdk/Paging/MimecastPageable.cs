using System.Runtime.CompilerServices;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The result of a Mimecast listing operation: <c>await foreach</c> over it for every record, or call
/// <see cref="AsPages"/> for the pages and their continuation tokens (for callers that checkpoint). Nothing is
/// requested until it is enumerated; each enumeration starts a new listing.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <remarks>
/// Modelled on Azure.Core's <c>AsyncPageable&lt;T&gt;</c>. The cancellation token given to the operation and the one
/// given to the enumeration (<c>WithCancellation</c>, or <see cref="GetAsyncEnumerator"/>) are linked: either one
/// cancels the request in flight, any quota hold and any retry delay. Build one in your own tests with
/// <see cref="MimecastPageable.FromPages{T}(IEnumerable{MimecastPage{T}})"/>.
/// </remarks>
public abstract class MimecastPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>Creates a pageable that is cancelled only by its enumeration's token.</summary>
    protected MimecastPageable()
        : this(CancellationToken.None)
    {
    }

    /// <summary>Creates a pageable whose every enumeration is also cancelled by <paramref name="cancellationToken"/>.</summary>
    /// <param name="cancellationToken">The token given to the operation that created the pageable.</param>
    protected MimecastPageable(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the token given to the operation that created the pageable.</summary>
    protected CancellationToken CancellationToken { get; }

    /// <summary>Enumerates the listing page by page.</summary>
    /// <param name="continuationToken">
    /// The <see cref="MimecastPage{T}.NextPageToken"/> of a page read earlier, to resume after it; <see langword="null"/>
    /// to start at the first page. Send it with the same query that produced it.
    /// </param>
    /// <param name="pageSizeHint">The page size to request, or <see langword="null"/> for the query's or client's default.</param>
    /// <returns>The pages, in order. The last page has no <see cref="MimecastPage{T}.NextPageToken"/>, or no records.</returns>
    public abstract IAsyncEnumerable<MimecastPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>Enumerates every record of every page, in the order Mimecast sends them.</summary>
    /// <param name="cancellationToken">Cancels the enumeration, linked with the operation's token.</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }
}

/// <summary>Builds <see cref="MimecastPageable{T}"/> instances: from fixed pages (for tests) or from a page function.</summary>
public static class MimecastPageable
{
    /// <summary>Creates a pageable over fixed pages, for tests of code that consumes a Mimecast listing.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="pages">The pages, in order. A continuation token given to <c>AsPages</c> resumes after the page whose <see cref="MimecastPage{T}.NextPageToken"/> it is.</param>
    /// <returns>The pageable.</returns>
    public static MimecastPageable<T> FromPages<T>(IEnumerable<MimecastPage<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new StaticPageable<T>([.. pages]);
    }

    /// <summary>
    /// Creates a pageable that reads pages with <paramref name="fetchPage"/> and applies the SDK's paging guards: it
    /// stops on a page without a next token or without records, fails with <see cref="MimecastPagingException"/> on a
    /// token seen before in the listing or when a bound of <paramref name="options"/> is exceeded, and (unless
    /// <see cref="MimecastPagingOptions.ReadAhead"/> is off) requests the next page while the caller handles the current one.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="fetchPage">Reads one page: the page token (<see langword="null"/> for the first), the page size hint and the cancellation token.</param>
    /// <param name="options">The paging bounds and read-ahead setting; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of <see cref="MimecastPagingOptions.MaxDuration"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels every enumeration, linked with the enumeration's own token.</param>
    /// <returns>The pageable.</returns>
    public static MimecastPageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<MimecastPage<T>>> fetchPage,
        MimecastPagingOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        return new FetchingPageable<T>(fetchPage, options ?? new MimecastPagingOptions(), timeProvider ?? TimeProvider.System, null, cancellationToken);
    }

    private sealed class StaticPageable<T>(List<MimecastPage<T>> pages) : MimecastPageable<T>
    {
        public override IAsyncEnumerable<MimecastPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            PagesAsync(continuationToken, default);

        private async IAsyncEnumerable<MimecastPage<T>> PagesAsync(string? continuationToken, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var start = 0;
            if (continuationToken is not null)
            {
                start = pages.FindIndex(p => string.Equals(p.NextPageToken, continuationToken, StringComparison.Ordinal)) + 1;
                if (start == 0)
                {
                    throw new ArgumentException($"No page has the continuation token '{continuationToken}'.", nameof(continuationToken));
                }
            }

            for (var i = start; i < pages.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                yield return pages[i];
            }
        }
    }
}
