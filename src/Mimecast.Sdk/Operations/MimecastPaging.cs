using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>The record stream of a page function, for the incident feed (the client's operations return <see cref="MimecastPageable{T}"/>).</summary>
internal static class MimecastPaging
{
    private static readonly MimecastPagingOptions Sequential = new() { ReadAhead = false };

    internal static IAsyncEnumerable<TItem> StreamAsync<TItem>(Func<string?, Task<MimecastPage<TItem>>> fetch, CancellationToken cancellationToken) =>
        new FetchingPageable<TItem>((token, _, _) => fetch(token), Sequential, TimeProvider.System, null, cancellationToken);
}
