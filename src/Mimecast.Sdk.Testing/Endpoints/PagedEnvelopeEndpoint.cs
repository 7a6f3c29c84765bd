using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// What a paged listing asks for, parsed from the request's <c>data[0]</c>: the date range (both inclusive), the order,
/// the canonical form of the query (bound into the page token) and a record filter (null: every record in the range).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="From">The first instant served, or null for the oldest record.</param>
/// <param name="To">The last instant served, or null for the newest record.</param>
/// <param name="OldestFirst">Whether the walk goes oldest first (otherwise newest first).</param>
/// <param name="Canonical">The query in a canonical form: a page token only serves the query it was issued for.</param>
/// <param name="Filter">Which records of the range match; null = all of them (the cheap path: no scan).</param>
internal sealed record PagedQuery<T>(DateTimeOffset? From, DateTimeOffset? To, bool OldestFirst, string Canonical, Func<T, bool>? Filter)
{
    /// <summary>Gets the validation failure answered instead of a page (HTTP 200 with a keyed <c>fail</c>), if any.</summary>
    public FailError? Error { get; init; }

    /// <summary>A query that failed validation.</summary>
    public static PagedQuery<T> Failed(FailError error) => new(null, null, false, string.Empty, null) { Error = error };
}

/// <summary>
/// The one paged-envelope endpoint of the kit: a <c>POST</c> answering <c>{"meta":{"status","pagination"},"data","fail"}</c>.
/// It composes, in this order, the caller's credentials and quota (<see cref="CallerAuth"/>, faults included), the
/// <c>meta.pagination</c> checks (an integer <c>pageSize</c> between 1 and the maximum, never clamped), the family's
/// query (<paramref name="parse"/>), the page token (bound to the account and the canonical query) and the record walk
/// over the account's sorted store, newest or oldest first. A family supplies only its path, its store, its query
/// parser and how a page is written into <c>data</c>.
/// </summary>
/// <typeparam name="T">The record type, sorted by (timestamp, sequence) in its store.</typeparam>
internal sealed class PagedEnvelopeEndpoint<T>(
    EndpointKit kit,
    string path,
    string listName,
    Func<AccountState, List<T>> store,
    Func<JsonElement?, PagedQuery<T>> parse,
    Action<Utf8JsonWriter, IReadOnlyList<T>> writeData,
    bool writeTotalCount)
    where T : class, ISimulatorLog
{
    /// <summary>The route of this endpoint (API 1.0 signatures and API 2.0 bearer tokens both accepted).</summary>
    public SimulatorRoute Route => new(HttpMethods.Post, path, ServeAsync, listName);

    private SimulatorCore Core => kit.Core;

    private SimulatorResponder Responder => kit.Responder;

    private async Task ServeAsync(Exchange ex)
    {
        using AuthenticatedCall? call = await kit.Auth.AuthenticateAsync(ex, allowBearer: true, rated: true).ConfigureAwait(false);
        if (call is null)
        {
            return;
        }

        JsonElement? data = call.Data;
        if (!TryReadPagination(call.Doc, Core.Settings.DefaultPageSize, out int pageSize, out string? pageToken, out bool sizeGiven))
        {
            await Responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidValue, "pageSize must be an integer", Field: "pageSize"), data).ConfigureAwait(false);
            return;
        }

        ex.PageSize = sizeGiven ? pageSize : null;
        ex.PageToken = pageToken;
        if (pageSize < 1 || pageSize > Core.Settings.MaxPageSize)
        {
            await Responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.PageSize, string.Create(CultureInfo.InvariantCulture, $"pageSize must be between 1 and {Core.Settings.MaxPageSize}"), Field: "pageSize"), data).ConfigureAwait(false);
            return;
        }

        PagedQuery<T> q = parse(data);
        if (q.Error is { } error)
        {
            await Responder.FailAsync(ex, 200, error, data).ConfigureAwait(false);
            return;
        }

        string fingerprint = PageToken.Fingerprint(string.Concat(call.Account.Email.ToUpperInvariant(), "|", q.Canonical));
        // Position tokens (the default) resume after the last record served; offset tokens (SimulatorPageTokens.Offset)
        // skip that many matches of the live listing, so a record inserted behind the position shifts the next page.
        bool offsetTokens = Core.Settings.OffsetPageTokens;
        (DateTimeOffset T, long Seq)? cursor = null;
        int skip = 0;
        if (pageToken is not null)
        {
            bool valid;
            string fp;
            if (offsetTokens)
            {
                valid = PageToken.TryDecodeOffset(pageToken, out fp, out skip);
            }
            else
            {
                valid = PageToken.TryDecode(pageToken, out fp, out DateTimeOffset t, out long seq);
                cursor = (t, seq);
            }

            if (!valid || fp != fingerprint)
            {
                await Responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidPageToken, "The page token is not valid for this query", Field: "pageToken"), data).ConfigureAwait(false);
                return;
            }
        }

        List<T> page;
        bool more;
        int total;
        lock (Core.Gate)
        {
            (page, more, total) = Walk(store(call.Account), q, cursor, skip, pageSize, writeTotalCount);
        }

        string? next = !more ? null : offsetTokens ? PageToken.EncodeOffset(fingerprint, skip + page.Count) : PageToken.Encode(fingerprint, page[^1]);
        ex.RecordCount = page.Count;
        byte[] body = JsonOut.Success(
            200,
            w => writeData(w, page),
            w =>
            {
                w.WriteNumber("pageSize", page.Count);
                if (writeTotalCount)
                {
                    w.WriteNumber("totalCount", total);
                }

                if (next is not null)
                {
                    w.WriteString("next", next);
                }
            });
        await Responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads <c>meta.pagination</c>: false when <c>pageSize</c> is present and not an integer. An absent or null
    /// <c>pageSize</c> is the default; an empty <c>pageToken</c> is the first page.
    /// </summary>
    internal static bool TryReadPagination(JsonDocument? doc, int defaultPageSize, out int pageSize, out string? pageToken, out bool sizeGiven)
    {
        pageSize = defaultPageSize;
        pageToken = null;
        sizeGiven = false;
        if (doc is null || !doc.RootElement.TryGetProperty("meta", out JsonElement meta) || meta.ValueKind != JsonValueKind.Object
            || !meta.TryGetProperty("pagination", out JsonElement p) || p.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (p.TryGetProperty("pageToken", out JsonElement pt) && pt.ValueKind == JsonValueKind.String && pt.GetString() is { Length: > 0 } t)
        {
            pageToken = t;
        }

        if (!p.TryGetProperty("pageSize", out JsonElement ps) || ps.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        sizeGiven = true;
        return ps.ValueKind == JsonValueKind.Number && ps.TryGetInt32(out pageSize);
    }

    /// <summary>
    /// One page of the sorted store: the date range and the cursor are positions found by binary search, so an
    /// unfiltered page costs O(log N + page). One match beyond the page says whether there is a next one. An offset
    /// cursor (<paramref name="skip"/>) skips that many matches from the start of the walk.
    /// </summary>
    private static (List<T> Page, bool More, int Total) Walk(List<T> items, PagedQuery<T> q, (DateTimeOffset T, long Seq)? cursor, int skip, int pageSize, bool countTotal)
    {
        int lo = q.From is { } from ? LogStore<T>.FirstAtOrAfter(items, from, long.MinValue) : 0;
        int hi = q.To is { } to ? LogStore<T>.FirstAtOrAfter(items, to, long.MaxValue) : items.Count;
        Func<T, bool>? filter = q.Filter;
        int total = 0;
        if (countTotal && hi > lo)
        {
            if (filter is null)
            {
                total = hi - lo;
            }
            else
            {
                for (int i = lo; i < hi; i++)
                {
                    total += filter(items[i]) ? 1 : 0;
                }
            }
        }

        int step = q.OldestFirst ? 1 : -1;
        int index;
        if (cursor is { } c)
        {
            index = q.OldestFirst
                ? Math.Max(lo, LogStore<T>.FirstAtOrAfter(items, c.T, c.Seq == long.MaxValue ? c.Seq : c.Seq + 1))
                : Math.Min(hi, LogStore<T>.FirstAtOrAfter(items, c.T, c.Seq)) - 1;
        }
        else
        {
            index = q.OldestFirst ? lo : hi - 1;
            if (filter is null)
            {
                index += step * Math.Min(skip, Math.Max(0, hi - lo));
                skip = 0;
            }
        }

        var page = new List<T>(Math.Min(pageSize, Math.Max(0, hi - lo)));
        bool more = false;
        for (; index >= lo && index < hi; index += step)
        {
            T item = items[index];
            if (filter is not null && !filter(item))
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (page.Count == pageSize)
            {
                more = true;
                break;
            }

            page.Add(item);
        }

        return (page, more, total);
    }
}
