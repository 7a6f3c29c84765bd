using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The held queue (API 1.0 and 2.0): the paged list, the summary by policy, release (1–25 items of one <c>id</c>) and
/// reject (items of <c>ids[]</c>, 1–25 each). Release and reject take the message out of the account's
/// <see cref="HeldQueue"/>; an id no longer held answers <c>release:false</c> / <c>reject:false</c> (HTTP 200).
/// </summary>
internal sealed class HeldEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string ListPath = "/api/gateway/get-hold-message-list";
    public const string SummaryPath = "/api/gateway/get-hold-summary-list";
    public const string ReleasePath = "/api/gateway/hold-release";
    public const string RejectPath = "/api/gateway/hold-reject";
    public const int MaxIds = 25;

    private static readonly string[] SearchFields = ["all", "subject", "sender", "recipient", "reason_code", "reasonCode", "senderIP"];
    private static readonly string[] ReasonTypes =
        ["MESSAGE CONTAINS UNDESIRABLE CONTENT", "MESSAGE CONTAINS CONFIDENTIAL INFORMATION", "REVIEWER DISAPPROVES OF CONTENT", "INAPPROPRIATE COMMUNICATION", "MESSAGE GOES AGAINST EMAIL POLICIES"];

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new PagedEnvelopeEndpoint<SimulatorHeldMessage>(kit, ListPath, "data", a => Queue(a).Held.Items, Parse, static (w, page) =>
        {
            foreach (SimulatorHeldMessage m in page)
            {
                m.Write(w);
            }
        }, writeTotalCount: true).Route,
        new ActionEndpoint(kit, SummaryPath, 0, 1, Summary).Route,
        new ActionEndpoint(kit, ReleasePath, 1, MaxIds, Release).Route,
        new ActionEndpoint(kit, RejectPath, 1, MaxIds, Reject).Route,
    ];

    private HeldQueue Queue(AccountState account) => HeldQueue.Of(account, kit.Core.Settings.Time);

    /// <summary><c>admin</c> (default false: the API user's own mail), <c>start</c>/<c>end</c>, <c>searchBy{fieldName,value}</c>, <c>filterBy[]{route,heldGroup}</c>.</summary>
    private static PagedQuery<SimulatorHeldMessage> Parse(JsonElement? data)
    {
        if (!RequestFields.TryBool(data, "admin", out bool? admin, out FailError? error) || !RequestFields.TryDate(data, "start", out DateTimeOffset? start, out error)
            || !RequestFields.TryDate(data, "end", out DateTimeOffset? end, out error))
        {
            return PagedQuery<SimulatorHeldMessage>.Failed(error!.Value);
        }

        var filters = new List<Func<SimulatorHeldMessage, bool>>();
        if (admin != true)
        {
            filters.Add(static m => string.Equals(m.To, m.Owner, StringComparison.OrdinalIgnoreCase));
        }

        if (data is { } d && d.TryGetProperty("searchBy", out JsonElement searchBy) && searchBy.ValueKind == JsonValueKind.Object)
        {
            string field = RequestFields.StringField(searchBy, "fieldName") ?? "all";
            string value = RequestFields.StringField(searchBy, "value") ?? string.Empty;
            if (!SearchFields.Contains(field, StringComparer.Ordinal))
            {
                return PagedQuery<SimulatorHeldMessage>.Failed(new FailError(SimulatorErrorCodes.InvalidValue, $"searchBy.fieldName must be one of {string.Join(", ", SearchFields)}", Field: "fieldName"));
            }

            filters.Add(m => Matches(m, field, value));
        }

        if (data is { } f && f.TryGetProperty("filterBy", out JsonElement filterBy) && filterBy.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement filter in filterBy.EnumerateArray())
            {
                string? route = RequestFields.StringField(filter, "route");
                string? group = RequestFields.StringField(filter, "heldGroup");
                filters.Add(m => (route is null or "all" || string.Equals(m.Route, route, StringComparison.OrdinalIgnoreCase))
                    && (group is null || string.Equals(m.HeldGroup, group, StringComparison.OrdinalIgnoreCase)));
            }
        }

        string canonical = data?.GetRawText() ?? string.Empty;
        return new PagedQuery<SimulatorHeldMessage>(start, end, OldestFirst: false, canonical, filters.Count == 0 ? null : m => filters.All(x => x(m)));
    }

    private static bool Matches(SimulatorHeldMessage m, string field, string value)
    {
        bool Has(string text) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
        return field switch
        {
            "subject" => Has(m.Subject),
            "sender" => Has(m.From),
            "recipient" => Has(m.To),
            "reason_code" or "reasonCode" => string.Equals(m.ReasonCode, value, StringComparison.OrdinalIgnoreCase),
            "senderIP" => string.Equals(m.SenderIp, value, StringComparison.Ordinal),
            _ => Has(m.Subject) || Has(m.From) || Has(m.To) || Has(m.ReasonCode),
        };
    }

    private void Summary(AccountState account, JsonElement item, ItemAnswer answer)
    {
        foreach (IGrouping<string, SimulatorHeldMessage> policy in Queue(account).Held.Items.GroupBy(static m => m.PolicyInfo, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            (string name, int count) = (policy.Key, policy.Count());
            answer.Data(w =>
            {
                w.WriteStartObject();
                w.WriteString("policyInfo", name);
                w.WriteNumber("numberOfItems", count);
                w.WriteEndObject();
            });
        }
    }

    private void Release(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? id = RequestFields.StringField(item, "id");
        if (RequestFields.Required(id, "id") is { } error)
        {
            answer.Fail(item, error);
            return;
        }

        bool released = Queue(account).Take(id!, "delivered");
        answer.Data(w => WriteOutcome(w, id!, "release", released));
    }

    private void Reject(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string[] ids = item.TryGetProperty("ids", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(static e => e.ValueKind == JsonValueKind.String).Select(static e => e.GetString()!)]
            : [];
        string? reasonType = RequestFields.StringField(item, "reasonType");
        FailError? error = ids.Length is 0 or > MaxIds || ids.Any(string.IsNullOrWhiteSpace)
            ? new FailError(SimulatorErrorCodes.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"ids must hold from 1 to {MaxIds} ids"), Field: "ids")
            : item.TryGetProperty("notify", out JsonElement notify) && notify.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                ? new FailError(SimulatorErrorCodes.InvalidValue, "notify must be a JSON boolean", Field: "notify")
                : reasonType is not null && !ReasonTypes.Contains(reasonType, StringComparer.OrdinalIgnoreCase)
                    ? new FailError(SimulatorErrorCodes.InvalidValue, "reasonType is not a known reason type", Field: "reasonType")
                    : null;
        if (error is { } e)
        {
            answer.Fail(item, e);
            return;
        }

        HeldQueue queue = Queue(account);
        foreach (string id in ids)
        {
            bool rejected = queue.Take(id, "rejected");
            answer.Data(w => WriteOutcome(w, id, "reject", rejected));
        }
    }

    private static void WriteOutcome(Utf8JsonWriter w, string id, string name, bool done)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteBoolean(name, done);
        w.WriteEndObject();
    }
}
