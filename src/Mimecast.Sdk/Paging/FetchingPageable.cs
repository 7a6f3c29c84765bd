using System.Runtime.CompilerServices;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The SDK's one page loop: follows <c>meta.pagination.next</c>, reads one page ahead while the caller works,
/// stops quietly on a page without a token or without records, and stops with <see cref="MimecastPagingException"/>
/// on a token seen before anywhere in the listing or when a bound is exceeded.
/// </summary>
internal sealed class FetchingPageable<T> : MimecastPageable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<MimecastPage<T>>> _fetchPage;
    private readonly Func<MimecastPagingOptions>? _optionsSource;
    private readonly MimecastPagingOptions _options;
    private readonly TimeProvider _timeProvider;

    internal FetchingPageable(Func<string?, int?, CancellationToken, Task<MimecastPage<T>>> fetchPage, MimecastPagingOptions options,
        TimeProvider timeProvider, Func<MimecastPagingOptions>? optionsSource, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _fetchPage = fetchPage;
        _options = options.Clone();
        _optionsSource = optionsSource;
        _timeProvider = timeProvider;
    }

    public override IAsyncEnumerable<MimecastPage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        if (pageSizeHint is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSizeHint), pageSizeHint, "The page size hint must be positive.");
        }

        return PagesAsync(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSizeHint, default);
    }

    private async IAsyncEnumerable<MimecastPage<T>> PagesAsync(string? continuationToken, int? pageSizeHint,
        [EnumeratorCancellation] CancellationToken enumerationToken)
    {
        var options = _optionsSource?.Invoke().Clone() ?? _options;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, enumerationToken);
        var cancellationToken = linked.Token;
        cancellationToken.ThrowIfCancellationRequested();

        var guard = new PagingGuard(options, _timeProvider, continuationToken);
        var pagesRead = 0;
        Task<MimecastPage<T>>? pending = _fetchPage(continuationToken, pageSizeHint, cancellationToken);
        try
        {
            while (pending is not null)
            {
                var page = await pending.ConfigureAwait(false);
                pending = null;
                pagesRead++;

                // A page without records ends the listing even if it carries a token (every recorded Mimecast listing ends so).
                var next = page.Items.Count == 0 ? null : page.NextPageToken;
                MimecastPagingException? stop = null;
                if (next is not null)
                {
                    stop = guard.Check(next, pagesRead, page.RequestId);
                    if (stop is null && options.ReadAhead)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        pending = _fetchPage(next, pageSizeHint, cancellationToken);
                    }
                }

                yield return page;

                if (stop is not null)
                {
                    throw stop;
                }

                if (next is not null && pending is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pending = _fetchPage(next, pageSizeHint, cancellationToken);
                }
            }
        }
        finally
        {
            if (pending is not null)
            {
                // The caller stopped (break, exception or cancellation) while a page was read ahead: cancel it and observe it.
                await linked.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The abandoned page's outcome belongs to no caller.
                }
            }
        }
    }
}
