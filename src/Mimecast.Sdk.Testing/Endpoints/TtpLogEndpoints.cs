using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>The Targeted Threat Protection log family: URL, attachment and impersonation logs with stable paging.</summary>
internal sealed class TtpLogEndpoints(SimulatorCore core, SimulatorResponder responder, CallerAuth auth) : ISimulatorEndpointFamily
{
    public const string UrlPath = "/api/ttp/url/get-logs";
    public const string AttachmentPath = "/api/ttp/attachment/get-logs";
    public const string ImpersonationPath = "/api/ttp/impersonation/get-logs";

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new(HttpMethods.Post, UrlPath, ex => ServeAsync(ex, SimulatorLogKind.Url), "clickLogs"),
        new(HttpMethods.Post, AttachmentPath, ex => ServeAsync(ex, SimulatorLogKind.Attachment), "attachmentLogs"),
        new(HttpMethods.Post, ImpersonationPath, ex => ServeAsync(ex, SimulatorLogKind.Impersonation), "impersonationLogs"),
    ];

    private async Task ServeAsync(Exchange ex, SimulatorLogKind kind)
    {
        using AuthenticatedCall? call = await auth.AuthenticateAsync(ex, allowBearer: true, rated: true).ConfigureAwait(false);
        if (call is not null)
        {
            await LogsAsync(ex, kind, call.Doc, call.Data).ConfigureAwait(false);
        }
    }

    private async Task LogsAsync(Exchange ex, SimulatorLogKind kind, JsonDocument? doc, JsonElement? data)
    {
        JsonElement? pagination = null;
        if (doc is not null && doc.RootElement.TryGetProperty("meta", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("pagination", out JsonElement p) && p.ValueKind == JsonValueKind.Object)
        {
            pagination = p;
        }

        int pageSize = core.Settings.DefaultPageSize;
        string? pageToken = null;
        if (pagination is { } pg)
        {
            if (pg.TryGetProperty("pageSize", out JsonElement ps) && ps.ValueKind != JsonValueKind.Null)
            {
                if (ps.ValueKind != JsonValueKind.Number || !ps.TryGetInt32(out pageSize))
                {
                    await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidValue, "pageSize must be an integer", Field: "pageSize"), data).ConfigureAwait(false);
                    return;
                }

                ex.PageSize = pageSize;
            }

            if (pg.TryGetProperty("pageToken", out JsonElement pt) && pt.ValueKind == JsonValueKind.String && pt.GetString() is { Length: > 0 } t)
            {
                pageToken = t;
                ex.PageToken = t;
            }
        }

        if (pageSize < 1 || pageSize > core.Settings.MaxPageSize)
        {
            await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.PageSize, string.Create(CultureInfo.InvariantCulture, $"pageSize must be between 1 and {core.Settings.MaxPageSize}"), Field: "pageSize"), data).ConfigureAwait(false);
            return;
        }

        TtpLogQuery q = TtpLogQuery.Parse(kind, data);
        if (q.Error is { } error)
        {
            await responder.FailAsync(ex, 200, error, data).ConfigureAwait(false);
            return;
        }

        AccountState account = ex.Account!;
        string fingerprint = PageToken.Fingerprint(string.Concat(account.Email.ToUpperInvariant(), "|", q.Canonical));
        (DateTimeOffset T, long Seq)? cursor = null;
        if (pageToken is not null)
        {
            if (!PageToken.TryDecode(pageToken, out string fp, out DateTimeOffset t, out long seq) || fp != fingerprint)
            {
                await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidPageToken, "The page token is not valid for this query", Field: "pageToken"), data).ConfigureAwait(false);
                return;
            }

            cursor = (t, seq);
        }

        byte[] body;
        lock (core.Gate)
        {
            body = kind switch
            {
                SimulatorLogKind.Url => Page(ex, account.Url.Items, q, cursor, pageSize, fingerprint, "clickLogs", false, JsonOut.WriteUrl),
                SimulatorLogKind.Attachment => Page(ex, account.Attachment.Items, q, cursor, pageSize, fingerprint, "attachmentLogs", false, JsonOut.WriteAttachment),
                _ => Page(ex, account.Impersonation.Items, q, cursor, pageSize, fingerprint, "impersonationLogs", true, JsonOut.WriteImpersonation),
            };
        }

        await responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    private static byte[] Page<T>(Exchange ex, List<T> items, TtpLogQuery q, (DateTimeOffset T, long Seq)? cursor, int pageSize, string fingerprint, string listName, bool resultCount, Action<Utf8JsonWriter, T> writeItem)
        where T : class, ISimulatorLog
    {
        // The store is sorted by (timestamp, sequence): the date range and the cursor are positions found by binary
        // search, so a page costs O(log N + page) for an unfiltered query instead of a scan of the whole store.
        int lo = q.From is { } from ? LogStore<T>.FirstAtOrAfter(items, from, long.MinValue) : 0;
        int hi = q.To is { } to ? LogStore<T>.FirstAtOrAfter(items, to, long.MaxValue) : items.Count;
        int total = 0;
        if (hi > lo)
        {
            if (q.Unfiltered)
            {
                total = hi - lo;
            }
            else
            {
                for (int i = lo; i < hi; i++)
                {
                    total += q.Matches(items[i]) ? 1 : 0;
                }
            }
        }

        // Walk from the cursor (exclusive) in the requested order; one match beyond the page says whether there is a next.
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
        }

        var page = new List<T>(Math.Min(pageSize, Math.Max(0, hi - lo)));
        bool more = false;
        for (; index >= lo && index < hi; index += step)
        {
            T item = items[index];
            if (!q.Unfiltered && !q.Matches(item))
            {
                continue;
            }

            if (page.Count == pageSize)
            {
                more = true;
                break;
            }

            page.Add(item);
        }

        string? next = more ? PageToken.Encode(fingerprint, page[^1]) : null;
        ex.RecordCount = page.Count;
        return JsonOut.Success(
            200,
            w =>
            {
                w.WriteStartObject();
                if (resultCount)
                {
                    w.WriteNumber("resultCount", page.Count);
                }

                w.WriteStartArray(listName);
                foreach (T item in page)
                {
                    writeItem(w, item);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            },
            w =>
            {
                w.WriteNumber("pageSize", page.Count);
                w.WriteNumber("totalCount", total);
                if (next is not null)
                {
                    w.WriteString("next", next);
                }
            });
    }
}
