using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// Audit events (<c>POST /api/audit/get-audit-events</c>): the <c>meta</c>/<c>data</c>/<c>fail</c> envelope, API 1.0
/// or 2.0 credentials and the general bucket like the TTP logs. <c>data[0]</c> needs <c>startDateTime</c> and
/// <c>endDateTime</c> (both inclusive), and may filter by <c>query</c> (text in any field) and <c>categories</c>.
/// Records are served newest first (Mimecast's order is unconfirmed), paged with <c>meta.pagination.pageToken</c>;
/// the token is bound to the same <c>data</c>.
/// </summary>
internal sealed class AuditEndpoints(SiemCore siem, SimulatorResponder responder, CallerAuth auth) : ISimulatorEndpointFamily
{
    public IEnumerable<SimulatorRoute> Routes => [new(HttpMethods.Post, SiemWire.AuditPath, ServeAsync, "data")];

    private SimulatorCore Core => siem.Core;

    private async Task ServeAsync(Exchange ex)
    {
        using AuthenticatedCall? call = await auth.AuthenticateAsync(ex, allowBearer: true, rated: true).ConfigureAwait(false);
        if (call is null)
        {
            return;
        }

        JsonElement? data = call.Data;
        if (!ReadPagination(call.Doc, Core.Settings.DefaultPageSize, out int pageSize, out string? pageToken))
        {
            await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidValue, "pageSize must be an integer", Field: "pageSize"), data).ConfigureAwait(false);
            return;
        }

        ex.PageSize = pageSize;
        ex.PageToken = pageToken;
        if (pageSize < 1 || pageSize > Core.Settings.MaxPageSize)
        {
            await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.PageSize, string.Create(CultureInfo.InvariantCulture, $"pageSize must be between 1 and {Core.Settings.MaxPageSize}"), Field: "pageSize"), data).ConfigureAwait(false);
            return;
        }

        DateTimeOffset? start = null, end = null;
        string[] categories = [];
        FailError? error = RequestFields.Required(RequestFields.StringField(data, "startDateTime"), "startDateTime")
            ?? RequestFields.Required(RequestFields.StringField(data, "endDateTime"), "endDateTime");
        if (error is null && RequestFields.TryDate(data, "startDateTime", out start, out error) && RequestFields.TryDate(data, "endDateTime", out end, out error))
        {
            RequestFields.TryStrings(data, "categories", out categories, out error);
        }

        if (error is { } e)
        {
            await responder.FailAsync(ex, 200, e, data).ConfigureAwait(false);
            return;
        }

        string? text = RequestFields.StringField(data, "query");
        string canonical = string.Create(CultureInfo.InvariantCulture, $"audit|{call.Account.Email.ToUpperInvariant()}|{start!.Value.UtcTicks}|{end!.Value.UtcTicks}|{text}|{string.Join(',', categories)}");
        string fingerprint = PageToken.Fingerprint(canonical);
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

        bool Matches(SimulatorAuditEvent r) =>
            (categories.Length == 0 || categories.Contains(r.Category, StringComparer.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(text) || r.AuditType.Contains(text, StringComparison.OrdinalIgnoreCase) || r.User.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.EventInfo.Contains(text, StringComparison.OrdinalIgnoreCase));

        var page = new List<SimulatorAuditEvent>(pageSize);
        bool more = false;
        lock (Core.Gate)
        {
            List<SimulatorAuditEvent> items = siem.For(call.Account).Audit.Items;
            int lo = LogStore<SimulatorAuditEvent>.FirstAtOrAfter(items, start.Value, long.MinValue);
            int hi = LogStore<SimulatorAuditEvent>.FirstAtOrAfter(items, end.Value, long.MaxValue);
            int index = cursor is { } c ? Math.Min(hi, LogStore<SimulatorAuditEvent>.FirstAtOrAfter(items, c.T, c.Seq)) - 1 : hi - 1;
            for (; index >= lo; index--)
            {
                if (!Matches(items[index]))
                {
                    continue;
                }

                if (page.Count == pageSize)
                {
                    more = true;
                    break;
                }

                page.Add(items[index]);
            }
        }

        ex.RecordCount = page.Count;
        string? next = more ? PageToken.Encode(fingerprint, page[^1]) : null;
        byte[] body = JsonOut.Success(
            200,
            w =>
            {
                foreach (SimulatorAuditEvent r in page)
                {
                    w.WriteStartObject();
                    w.WriteString("id", r.Id);
                    w.WriteString("auditType", r.AuditType);
                    w.WriteString("user", r.User);
                    w.WriteString("eventTime", JsonOut.WireDate(r.EventTime));
                    w.WriteString("eventInfo", r.EventInfo);
                    w.WriteString("category", r.Category);
                    w.WriteEndObject();
                }
            },
            w =>
            {
                w.WriteNumber("pageSize", page.Count);
                if (next is not null)
                {
                    w.WriteString("next", next);
                }
            });
        await responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    private static bool ReadPagination(JsonDocument? doc, int defaultPageSize, out int pageSize, out string? pageToken)
    {
        pageSize = defaultPageSize;
        pageToken = null;
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

        return ps.ValueKind == JsonValueKind.Number && ps.TryGetInt32(out pageSize);
    }
}
