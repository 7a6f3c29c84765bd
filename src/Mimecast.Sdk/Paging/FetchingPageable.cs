using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
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

        var seen = new HashSet<UInt128>();
        if (continuationToken is not null)
        {
            seen.Add(Fingerprint(continuationToken));
        }

        var started = _timeProvider.GetTimestamp();
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
                    stop = Check(next, seen, pagesRead, started, options, page.RequestId);
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

    private MimecastPagingException? Check(string next, HashSet<UInt128> seen, int pagesRead, long started, MimecastPagingOptions options, string? requestId)
    {
        if (!seen.Add(Fingerprint(next)))
        {
            return new MimecastPagingException(
                $"Mimecast sent a page token after page {pagesRead} that was already used earlier in this listing (a cycle); the listing was stopped rather than read again. Every record of the {pagesRead} page(s) read was delivered. Request id: {requestId ?? "none"}.",
                MimecastPagingFailure.TokenCycle, pagesRead, requestId);
        }

        if (pagesRead >= options.MaxPages)
        {
            return new MimecastPagingException(
                $"The Mimecast listing still had more pages after {pagesRead} page(s), the bound set by Paging:MaxPages; the listing was stopped. Request id: {requestId ?? "none"}.",
                MimecastPagingFailure.TooManyPages, pagesRead, requestId);
        }

        if (options.MaxDuration is { } max && _timeProvider.GetElapsedTime(started) > max)
        {
            return new MimecastPagingException(
                $"The Mimecast listing still had more pages after {_timeProvider.GetElapsedTime(started).TotalSeconds:0.###} s and {pagesRead} page(s), longer than Paging:MaxDuration ({max.TotalSeconds:0.###} s); the listing was stopped. Request id: {requestId ?? "none"}.",
                MimecastPagingFailure.TooLong, pagesRead, requestId);
        }

        return null;
    }

    // 128 bits of SHA-256: the set stays small (16 bytes a page) whatever the token length, and a false cycle is impossible in practice.
    private static UInt128 Fingerprint(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}
