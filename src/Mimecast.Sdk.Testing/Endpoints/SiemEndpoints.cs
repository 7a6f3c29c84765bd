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
        new RestCursorEndpoint(siem, gate, SiemWire.StreamPath, SiemQuota.Stream, SiemSettings.MaxStreamPageSize, streamShape: true, Stream).Route,
        new RestCursorEndpoint(siem, gate, SiemWire.BatchPath, SiemQuota.Batch, SiemSettings.MaxBatchPageSize, streamShape: false, Batch).Route,
    ];

    private SimulatorCore Core => siem.Core;

    private RestCursorPage Stream(RestCursorRequest r)
    {
        SiemAccountState s = r.Account;
        IQueryCollection query = r.Query;
        DateTimeOffset now = siem.Time.GetUtcNow();
        string[] types = query["types"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (!TryInstant(query, "dateRangeStartsAt", out DateTimeOffset? start) || !TryInstant(query, "dateRangeEndsAt", out DateTimeOffset? end)
            || (start is { } a && end is { } b && b < a))
        {
            return RestCursorPage.Failed(SimulatorSiemErrorCodes.InvalidDateRange, "dateRangeStartsAt and dateRangeEndsAt are UTC instants such as 2024-01-25T10:30:45.642Z, the start before the end");
        }

        string fingerprint = PageToken.Fingerprint(string.Concat("siem-stream|", s.Account.Email.ToUpperInvariant(), "|", string.Join(',', types)));
        lock (Core.Gate)
        {
            int index;
            if (r.Cursor is { } cursor)
            {
                if (!SiemWire.TryDecodeStreamCursor(cursor, fingerprint, out long seq))
                {
                    return RestCursorPage.Failed(SimulatorSiemErrorCodes.InvalidNextPage, "nextPage is not a cursor of this query: restart from a time");
                }

                index = s.FirstAfterSequence(seq);
                if (index < s.Events.Count && s.Events[index].IngestedAt < now - siem.Settings.StreamWindow)
                {
                    return RestCursorPage.Failed(SimulatorSiemErrorCodes.InvalidNextPage, "nextPage points at events older than the stream's window: restart from a time");
                }
            }
            else if (start is { } from && from < now - siem.Settings.StreamWindow)
            {
                return RestCursorPage.Failed(SimulatorSiemErrorCodes.InvalidDateRange, "dateRangeStartsAt is older than the stream's window");
            }
            else
            {
                index = s.FirstIngestedAtOrAfter(start ?? now - siem.Settings.StreamWindow);
            }

            return StreamPage(s, types, index, end, r.PageSize, fingerprint);
        }
    }

    private RestCursorPage StreamPage(SiemAccountState s, string[] types, int index, DateTimeOffset? end, int pageSize, string fingerprint)
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

        SimulatorSiemTypeSpelling spelling = siem.Settings.StreamSpelling;
        return new RestCursorPage(
            page.Count,
            w =>
            {
                foreach (SimulatorSiemEvent e in page)
                {
                    SiemWire.WriteEvent(w, e, spelling, batch: false);
                }
            },
            SiemWire.EncodeStreamCursor(fingerprint, position),
            caughtUp);
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

    private RestCursorPage Batch(RestCursorRequest r)
    {
        SiemAccountState s = r.Account;
        IQueryCollection query = r.Query;
        DateTimeOffset now = siem.Time.GetUtcNow();
        string? type = RestCursorEndpoint.Single(query, "type")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type))
        {
            return RestCursorPage.Failed(SimulatorSiemErrorCodes.MissingType, "type is required (one event type per call)");
        }

        if (!TryDay(query, "dateRangeStartsAt", out DateTimeOffset? startDay) || !TryDay(query, "dateRangeEndsAt", out DateTimeOffset? endDay)
            || (startDay is { } a && endDay is { } b && b < a))
        {
            return RestCursorPage.Failed(SimulatorSiemErrorCodes.InvalidDateRange, "dateRangeStartsAt and dateRangeEndsAt are days such as 2024-01-25, the start not after the end");
        }

        string fingerprint = PageToken.Fingerprint(string.Concat("siem-batch|", s.Account.Email.ToUpperInvariant(), "|", type));
        long after = 0;
        if (r.Cursor is { } cursor && !SiemWire.TryDecodeBatchCursor(cursor, fingerprint, out after))
        {
            return RestCursorPage.Failed(SimulatorSiemErrorCodes.InvalidNextPage, "nextPage is not a cursor of this type");
        }

        var listed = new List<SiemFile>(r.PageSize);
        bool caughtUp = true;
        long position;
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

                if (listed.Count == r.PageSize)
                {
                    caughtUp = false;
                    break;
                }

                listed.Add(f);
            }

            // Caught up: the cursor moves past every file published so far (later files of this type come after it).
            position = caughtUp ? Math.Max(after, s.Published.Count) : listed[^1].Ordinal;
        }

        HttpRequest request = r.Ex.Http.Request;
        string origin = string.Concat(request.Scheme, "://", request.Host.Value);
        long expiresMs = (now + siem.Settings.UrlLifetime).ToUnixTimeMilliseconds();
        return new RestCursorPage(
            listed.Count,
            w =>
            {
                foreach (SiemFile f in listed)
                {
                    w.WriteStartObject();
                    w.WriteString("url", origin + SiemWire.FileQuery(siem.UrlSecret, f.Id, expiresMs));
                    w.WriteNumber("size", f.Content.Gzip.Length);
                    w.WriteString("expiry", SiemWire.IsoMs(DateTimeOffset.FromUnixTimeMilliseconds(expiresMs)));
                    w.WriteEndObject();
                }
            },
            SiemWire.EncodeBatchCursor(fingerprint, position),
            caughtUp);
    }

    private static bool TryInstant(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        string? text = RestCursorEndpoint.Single(query, name);
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
        string? text = RestCursorEndpoint.Single(query, name);
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
