using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// Audit events (<c>POST /api/audit/get-audit-events</c>): one <see cref="PagedEnvelopeEndpoint{T}"/>, API 1.0 or 2.0
/// credentials and the general bucket like the TTP logs. <c>data[0]</c> needs <c>startDateTime</c> and
/// <c>endDateTime</c> (both inclusive), and may filter by <c>query</c> (text in any field) and <c>categories</c>.
/// Records are served newest first (Mimecast's order is unconfirmed), directly in <c>data</c>, paged with
/// <c>meta.pagination.pageToken</c> (no <c>totalCount</c>); the token is bound to the same <c>data</c>.
/// </summary>
internal sealed class AuditEndpoints(EndpointKit kit, SiemCore siem) : ISimulatorEndpointFamily
{
    public IEnumerable<SimulatorRoute> Routes =>
    [
        new PagedEnvelopeEndpoint<SimulatorAuditEvent>(kit, SiemWire.AuditPath, "data", a => siem.For(a).Audit.Items, Parse, Write, writeTotalCount: false).Route,
    ];

    private static PagedQuery<SimulatorAuditEvent> Parse(JsonElement? data)
    {
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
            return PagedQuery<SimulatorAuditEvent>.Failed(e);
        }

        string? text = RequestFields.StringField(data, "query");
        string canonical = string.Create(CultureInfo.InvariantCulture, $"audit|{start!.Value.UtcTicks}|{end!.Value.UtcTicks}|{text}|{string.Join(',', categories)}");
        Func<SimulatorAuditEvent, bool>? filter = categories.Length == 0 && string.IsNullOrEmpty(text) ? null : r =>
            (categories.Length == 0 || categories.Contains(r.Category, StringComparer.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(text) || r.AuditType.Contains(text, StringComparison.OrdinalIgnoreCase) || r.User.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.EventInfo.Contains(text, StringComparison.OrdinalIgnoreCase));
        return new PagedQuery<SimulatorAuditEvent>(start, end, OldestFirst: false, canonical, filter);
    }

    private static void Write(Utf8JsonWriter w, IReadOnlyList<SimulatorAuditEvent> page)
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
    }
}
