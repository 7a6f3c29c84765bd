using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The SIEM Cloud Gateway family: the event stream (<c>GET /siem/v1/events/cg</c>) and the batch file listing
/// (<c>GET /siem/v1/batch/events/cg</c>). Both answer the SIEM envelope (<c>value</c>, <c>@nextPage</c>,
/// <c>isCaughtUp</c>), never <c>meta</c>/<c>data</c>/<c>fail</c>.
/// </summary>
/// <remarks>
/// The stream is in the order events were received (late events come after the cursor that was already past their
/// time); <c>dateRangeStartsAt</c>/<c>EndsAt</c> select by when events were received (for seeded history, when they
/// happened). A <c>nextPage</c> cursor replaces the start (a resent start is ignored, not re-checked) and is refused
/// once the events after it are older than the stream's window. <c>@nextPage</c> is always answered, also when caught up.
/// The batch listing lists one file per type and ended 15-minute window of reception, in publication order; its cursor
/// is a position in that order, returned even with <c>value: []</c>.
/// </remarks>
internal sealed class SiemEndpoints(SiemCore siem, SiemGate gate) : ISimulatorEndpointFamily
{
    public IEnumerable<SimulatorRoute> Routes =>
    [
        new(HttpMethods.Get, SiemWire.StreamPath, StreamAsync, "value"),
        new(HttpMethods.Get, SiemWire.BatchPath, BatchAsync, "value"),
    ];

    private SimulatorCore Core => siem.Core;

    private async Task StreamAsync(Exchange ex)
    {
        SiemAccountState? s = await gate.EnterAsync(ex, SiemQuota.Stream).ConfigureAwait(false);
        if (s is null)
        {
            return;
        }

        IQueryCollection query = ex.Http.Request.Query;
        DateTimeOffset now = siem.Time.GetUtcNow();
        (int pageSize, string? sizeError) = PageSize(ex, query, SiemSettings.MaxStreamPageSize);
        if (sizeError is not null)
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Stream, 400, SimulatorSiemErrorCodes.InvalidPageSize, sizeError).ConfigureAwait(false);
            return;
        }

        string[] types = query["types"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (!TryInstant(query, "dateRangeStartsAt", out DateTimeOffset? start) || !TryInstant(query, "dateRangeEndsAt", out DateTimeOffset? end)
            || (start is { } a && end is { } b && b < a))
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Stream, 400, SimulatorSiemErrorCodes.InvalidDateRange, "dateRangeStartsAt and dateRangeEndsAt are UTC instants such as 2024-01-25T10:30:45.642Z, the start before the end").ConfigureAwait(false);
            return;
        }

        string fingerprint = PageToken.Fingerprint(string.Concat("siem-stream|", s.Account.Email.ToUpperInvariant(), "|", string.Join(',', types)));
        string? cursor = Single(query, "nextPage");
        ex.PageToken = cursor;
        ex.PageSize = pageSize;
        byte[]? body = null;
        string? error = null;
        string errorCode = SimulatorSiemErrorCodes.InvalidNextPage;
        lock (Core.Gate)
        {
            int index;
            if (cursor is not null)
            {
                if (!SiemWire.TryDecodeStreamCursor(cursor, fingerprint, out long seq))
                {
                    error = "nextPage is not a cursor of this query: restart from a time";
                    index = 0;
                }
                else
                {
                    index = s.FirstAfterSequence(seq);
                    if (index < s.Events.Count && s.Events[index].IngestedAt < now - siem.Settings.StreamWindow)
                    {
                        error = "nextPage points at events older than the stream's window: restart from a time";
                    }
                }
            }
            else if (start is { } from && from < now - siem.Settings.StreamWindow)
            {
                errorCode = SimulatorSiemErrorCodes.InvalidDateRange;
                error = "dateRangeStartsAt is older than the stream's window";
                index = 0;
            }
            else
            {
                index = s.FirstIngestedAtOrAfter(start ?? now - siem.Settings.StreamWindow);
            }

            if (error is null)
            {
                body = StreamPage(ex, s, types, index, end, pageSize, fingerprint);
            }
        }

        if (error is not null)
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Stream, 400, errorCode, error).ConfigureAwait(false);
            return;
        }

        await gate.RespondAsync(ex, s, SiemQuota.Stream, 200, body!).ConfigureAwait(false);
    }

    private byte[] StreamPage(Exchange ex, SiemAccountState s, string[] types, int index, DateTimeOffset? end, int pageSize, string fingerprint)
    {
        var page = new List<SimulatorSiemEvent>(pageSize);
        long position = index > 0 ? s.Events[index - 1].Sequence : 0;
        bool caughtUp = true;
        for (int i = index; i < s.Events.Count; i++)
        {
            SimulatorSiemEvent e = s.Events[i];
            if (end is { } to && e.IngestedAt > to)
            {
                break;
            }

            if (!Matches(e, types))
            {
                position = e.Sequence;
                continue;
            }

            if (page.Count == pageSize)
            {
                caughtUp = false;
                break;
            }

            page.Add(e);
            position = e.Sequence;
        }

        ex.RecordCount = page.Count;
        SimulatorSiemTypeSpelling spelling = siem.Settings.StreamSpelling;
        return JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            foreach (SimulatorSiemEvent e in page)
            {
                SiemWire.WriteEvent(w, e, spelling, batch: false);
            }

            w.WriteEndArray();
            string next = SiemWire.EncodeStreamCursor(fingerprint, position);
            w.WriteString("@nextPage", next);
            w.WriteString("@nextLink", string.Concat(Core.PublicApiUrl, SiemWire.StreamPath, "?nextPage=", Uri.EscapeDataString(next)));
            w.WriteNumber("pageSize", page.Count);
            w.WriteBoolean("isCaughtUp", caughtUp);
            w.WriteEndObject();
        });
    }

    private static bool Matches(SimulatorSiemEvent e, string[] types)
    {
        if (types.Length == 0)
        {
            return true;
        }

        foreach (string t in types)
        {
            int colon = t.IndexOf(':', StringComparison.Ordinal);
            string type = colon < 0 ? t : t[..colon];
            if (string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase)
                && (colon < 0 || string.Equals(e.Subtype, t[(colon + 1)..], StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private async Task BatchAsync(Exchange ex)
    {
        SiemAccountState? s = await gate.EnterAsync(ex, SiemQuota.Batch).ConfigureAwait(false);
        if (s is null)
        {
            return;
        }

        IQueryCollection query = ex.Http.Request.Query;
        DateTimeOffset now = siem.Time.GetUtcNow();
        (int pageSize, string? sizeError) = PageSize(ex, query, SiemSettings.MaxBatchPageSize);
        if (sizeError is not null)
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Batch, 400, SimulatorSiemErrorCodes.InvalidPageSize, sizeError).ConfigureAwait(false);
            return;
        }

        string? type = Single(query, "type")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type))
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Batch, 400, SimulatorSiemErrorCodes.MissingType, "type is required (one event type per call)").ConfigureAwait(false);
            return;
        }

        if (!TryDay(query, "dateRangeStartsAt", out DateTimeOffset? startDay) || !TryDay(query, "dateRangeEndsAt", out DateTimeOffset? endDay)
            || (startDay is { } a && endDay is { } b && b < a))
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Batch, 400, SimulatorSiemErrorCodes.InvalidDateRange, "dateRangeStartsAt and dateRangeEndsAt are days such as 2024-01-25, the start not after the end").ConfigureAwait(false);
            return;
        }

        string fingerprint = PageToken.Fingerprint(string.Concat("siem-batch|", s.Account.Email.ToUpperInvariant(), "|", type));
        string? cursor = Single(query, "nextPage");
        ex.PageToken = cursor;
        ex.PageSize = pageSize;
        long after = 0;
        if (cursor is not null && !SiemWire.TryDecodeBatchCursor(cursor, fingerprint, out after))
        {
            await gate.ErrorAsync(ex, s, SiemQuota.Batch, 400, SimulatorSiemErrorCodes.InvalidNextPage, "nextPage is not a cursor of this type").ConfigureAwait(false);
            return;
        }

        var listed = new List<SiemFile>(pageSize);
        bool caughtUp = true;
        long position = after;
        lock (Core.Gate)
        {
            s.Publish(now, siem.Settings.FileInterval);
            DateTimeOffset oldest = now - siem.Settings.BatchRetention;
            for (int i = (int)Math.Min(after, s.Published.Count); i < s.Published.Count; i++)
            {
                SiemFile f = s.Published[i];
                DateTimeOffset day = new(f.WindowStart.UtcDateTime.Date, TimeSpan.Zero);
                bool inRange = string.Equals(f.Type, type, StringComparison.Ordinal) && f.WindowStart >= oldest
                    && (startDay is not { } from || day >= from) && (endDay is not { } to || day <= to);
                if (!inRange)
                {
                    continue;
                }

                if (listed.Count == pageSize)
                {
                    caughtUp = false;
                    break;
                }

                listed.Add(f);
            }

            // Caught up: the cursor moves past every file published so far (later files of this type come after it).
            position = caughtUp ? Math.Max(after, s.Published.Count) : listed[^1].Ordinal;
        }

        ex.RecordCount = listed.Count;
        HttpRequest request = ex.Http.Request;
        string origin = string.Concat(request.Scheme, "://", request.Host.Value);
        DateTimeOffset expiry = now + siem.Settings.UrlLifetime;
        long expiresMs = expiry.ToUnixTimeMilliseconds();
        byte[] body = JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            foreach (SiemFile f in listed)
            {
                w.WriteStartObject();
                w.WriteString("url", origin + SiemWire.FileQuery(siem.UrlSecret, f.Id, expiresMs));
                w.WriteNumber("size", f.Content.Gzip.Length);
                w.WriteString("expiry", SiemWire.IsoMs(DateTimeOffset.FromUnixTimeMilliseconds(expiresMs)));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("@nextPage", SiemWire.EncodeBatchCursor(fingerprint, position));
            w.WriteBoolean("isCaughtUp", caughtUp);
            w.WriteEndObject();
        });
        await gate.RespondAsync(ex, s, SiemQuota.Batch, 200, body).ConfigureAwait(false);
    }

    private static (int PageSize, string? Error) PageSize(Exchange ex, IQueryCollection query, int max)
    {
        string? text = Single(query, "pageSize");
        if (text is null)
        {
            return (max, null);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1 || size > max)
        {
            return (0, string.Create(CultureInfo.InvariantCulture, $"pageSize must be an integer from 1 to {max}"));
        }

        ex.PageSize = size;
        return (size, null);
    }

    private static string? Single(IQueryCollection query, string name)
    {
        StringValues v = query[name];
        return v.Count == 0 || string.IsNullOrEmpty(v[^1]) ? null : v[^1];
    }

    private static bool TryInstant(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        string? text = Single(query, name);
        if (text is null)
        {
            return true;
        }

        if (RequestFields.TryParseIsoDate(text, out DateTimeOffset parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static bool TryDay(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        string? text = Single(query, name);
        if (text is null)
        {
            return true;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime day))
        {
            value = new DateTimeOffset(day, TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
