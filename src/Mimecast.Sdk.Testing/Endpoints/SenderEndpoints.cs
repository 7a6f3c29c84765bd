using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// Sender actions per account: <c>permit-or-block-sender</c> (1–100 items; an upsert keyed by sender and recipient, ids
/// <c>MTOKEN:eNo…</c>, <c>type</c> capitalised <c>Block</c>/<c>Permit</c>; a bad address is
/// <c>err_validation_invalid_email_address</c>) and blocked-sender policies: <c>get-policy</c> (all with no item, or by
/// id), <c>create-policy</c> (no de-duplication: each call creates one; with an <c>id</c> it replaces that policy whole)
/// and <c>delete-policy</c> (an unknown id is <c>meta.status</c> 404 with an empty <c>fail</c>).
/// </summary>
internal sealed class SenderEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string PermitOrBlockPath = "/api/managedsender/permit-or-block-sender";
    public const string GetPolicyPath = "/api/policy/blockedsenders/get-policy";
    public const string CreatePolicyPath = "/api/policy/blockedsenders/create-policy";
    public const string DeletePolicyPath = "/api/policy/blockedsenders/delete-policy";

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new ActionEndpoint(kit, PermitOrBlockPath, 1, 100, PermitOrBlock).Route,
        new ActionEndpoint(kit, GetPolicyPath, 0, 500, GetPolicy).Route,
        new ActionEndpoint(kit, CreatePolicyPath, 1, 1, CreatePolicy).Route,
        new ActionEndpoint(kit, DeletePolicyPath, 1, 1, DeletePolicy).Route,
    ];

    private static void PermitOrBlock(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? sender = RequestFields.StringField(item, "sender");
        string? to = RequestFields.StringField(item, "to");
        string? action = RequestFields.StringField(item, "action")?.ToLowerInvariant();
        FailError? error = sender is null || !RequestFields.LooksLikeEmail(sender) ? new FailError(SimulatorErrorCodes.InvalidEmailAddress, "Email address is not valid", Field: "sender")
            : to is null || !RequestFields.LooksLikeEmail(to) ? new FailError(SimulatorErrorCodes.InvalidEmailAddress, "Email address is not valid", Field: "to")
            : action is not ("block" or "permit") ? new FailError(SimulatorErrorCodes.InvalidValue, "action must be permit or block", Field: "action")
            : null;
        if (error is { } e)
        {
            answer.Fail(item, e);
            return;
        }

        KeyedStore<SimulatorManagedSender> store = account.Store(static a => new KeyedStore<SimulatorManagedSender>(new Random(KeyMaterial.Mix(a.Account.Seed, 0x5e4d))));
        SimulatorManagedSender? existing = store.Find(r => r.Sender.Equals(sender, StringComparison.OrdinalIgnoreCase) && r.To.Equals(to, StringComparison.OrdinalIgnoreCase));
        var record = new SimulatorManagedSender(existing?.Id ?? store.Mint("MTOKEN:"), sender!, to!, action == "block" ? "Block" : "Permit");
        store.Put(record.Id, record);
        answer.Data(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", record.Id);
            w.WriteString("sender", record.Sender);
            w.WriteString("to", record.To);
            w.WriteString("type", record.Type);
            w.WriteEndObject();
        });
    }

    private static void GetPolicy(AccountState account, JsonElement item, ItemAnswer answer)
    {
        KeyedStore<SimulatorPolicy> store = Policies(account);
        string? id = RequestFields.StringField(item, "id");
        if (id is null)
        {
            foreach (SimulatorPolicy policy in store.Values.ToList())
            {
                answer.Data(policy.Write);
            }
        }
        else if (store.Find(id) is { } policy)
        {
            answer.Data(policy.Write);
        }
        else
        {
            answer.Fail(item, new FailError("err_policy_not_found", "Policy not found", Field: "id")); // the real code is unconfirmed
        }
    }

    private void CreatePolicy(AccountState account, JsonElement item, ItemAnswer answer)
    {
        KeyedStore<SimulatorPolicy> store = Policies(account);
        string? id = RequestFields.StringField(item, "id");
        if (id is not null && store.Find(id) is null)
        {
            answer.Fail(item, new FailError("err_policy_not_found", "Policy not found", Field: "id"));
            return;
        }

        JsonElement? policy = item.TryGetProperty("policy", out JsonElement p) && p.ValueKind == JsonValueKind.Object ? p : null;
        string? option = RequestFields.StringField(item, "option")?.ToLowerInvariant();
        string? fromType = RequestFields.StringField(policy, "fromType")?.ToLowerInvariant();
        string? toType = RequestFields.StringField(policy, "toType")?.ToLowerInvariant();
        FailError? error = RequestFields.Required(option, "option") ?? RequestFields.Required(RequestFields.StringField(policy, "description"), "description")
            ?? RequestFields.Required(fromType, "fromType") ?? RequestFields.Required(toType, "toType");
        if (error is null && option is not ("block_sender" or "no_action"))
        {
            error = new FailError(SimulatorErrorCodes.InvalidValue, "option must be block_sender or no_action", Field: "option");
        }

        if (error is { } e)
        {
            answer.Fail(item, e);
            return;
        }

        DateTimeOffset now = kit.Core.Settings.Time.GetUtcNow();
        var record = new SimulatorPolicy(id ?? store.Mint(), option!, RequestFields.StringField(policy, "description")!, RequestFields.StringField(policy, "fromPart") ?? "envelope_from",
            fromType!, RequestFields.StringField(policy, "fromValue"), toType!, RequestFields.StringField(policy, "toValue"),
            Bool(policy, "bidirectional"), Bool(policy, "override"), policy!.Value.TryGetProperty("conditions", out JsonElement c) && RequestFields.TryStrings(c, "sourceIPs", out string[] ips, out _) ? ips : [],
            id is null ? now : store.Find(id)!.CreateTime, now);
        store.Put(record.Id, record);
        answer.Data(record.Write);
    }

    private static void DeletePolicy(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? id = RequestFields.StringField(item, "id");
        if (id is null || !Policies(account).Remove(id))
        {
            answer.FunctionFailed(404);
            return;
        }

        answer.Data(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteEndObject();
        });
    }

    private static bool Bool(JsonElement? data, string name) => RequestFields.TryBool(data, name, out bool? value, out _) && value == true;

    private static KeyedStore<SimulatorPolicy> Policies(AccountState account) =>
        account.Store(static a => new KeyedStore<SimulatorPolicy>(new Random(KeyMaterial.Mix(a.Account.Seed, 0xb10c))));
}

/// <summary>A managed-sender entry, keyed by (sender, to).</summary>
internal sealed record SimulatorManagedSender(string Id, string Sender, string To, string Type);

/// <summary>A blocked-sender policy, answered in both the flat and the <c>from</c>/<c>to</c> forms, as Mimecast echoes them.</summary>
internal sealed record SimulatorPolicy(string Id, string Option, string Description, string FromPart, string FromType, string? FromValue, string ToType, string? ToValue,
    bool Bidirectional, bool Override, string[] SourceIps, DateTimeOffset CreateTime, DateTimeOffset LastUpdated)
{
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("option", Option);
        w.WriteStartObject("policy");
        w.WriteString("description", Description);
        w.WriteString("fromPart", FromPart);
        Party(w, "from", FromType, FromValue);
        Party(w, "to", ToType, ToValue);
        w.WriteString("fromType", FromType);
        if (FromValue is not null)
        {
            w.WriteString("fromValue", FromValue);
        }

        w.WriteString("toType", ToType);
        if (ToValue is not null)
        {
            w.WriteString("toValue", ToValue);
        }

        w.WriteBoolean("fromEternal", true);
        w.WriteBoolean("toEternal", true);
        w.WriteString("fromDate", "1900-01-01T00:00:00+0000");
        w.WriteString("toDate", "2100-01-01T23:59:59+0000");
        w.WriteBoolean("override", Override);
        w.WriteBoolean("bidirectional", Bidirectional);
        w.WriteStartObject("conditions");
        JsonOut.WriteStrings(w, "sourceIPs", SourceIps);
        w.WriteEndObject();
        w.WriteBoolean("enabled", true);
        w.WriteBoolean("enforced", false);
        w.WriteString("createTime", JsonOut.WireDate(CreateTime));
        w.WriteString("lastUpdated", JsonOut.WireDate(LastUpdated));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Party(Utf8JsonWriter w, string name, string type, string? value)
    {
        w.WriteStartObject(name);
        w.WriteString("type", type);
        if (value is not null)
        {
            w.WriteString(type == "email_domain" ? "emailDomain" : type == "profile_group" ? "groupId" : "emailAddress", value);
        }

        w.WriteEndObject();
    }
}
