using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The remediation family (<c>/api/ttp/remediation/...</c>, API 1.0 and 2.0) on the kit: incidents per account in a
/// <see cref="KeyedStore{T}"/> (two seeded), create (counts the messages it identifies in the account's URL and attachment
/// logs), get-incident (1–25 ids), find-incidents (both documented <c>searchBy</c>/<c>filterBy</c> shapes accepted,
/// answered in <c>data[0].incidents[]</c>) and search-hash (at most 100 hashes, known hashes = the attachment logs' <c>fileHash</c>).
/// </summary>
internal sealed class RemediationEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string CreatePath = "/api/ttp/remediation/create";
    public const string GetIncidentPath = "/api/ttp/remediation/get-incident";
    public const string FindIncidentsPath = "/api/ttp/remediation/find-incidents";
    public const string SearchHashPath = "/api/ttp/remediation/search-hash";

    /// <summary>The code of an unknown incident id (UNCONFIRMED: no recorded answer).</summary>
    public const string IncidentNotFound = "err_remediation_incident_not_found";

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new ActionEndpoint(kit, CreatePath, 1, 1, Create).Route,
        new ActionEndpoint(kit, GetIncidentPath, 1, 25, GetIncident).Route,
        new ActionEndpoint(kit, FindIncidentsPath, 1, 1, FindIncidents).Route,
        new ActionEndpoint(kit, SearchHashPath, 1, 1, SearchHash).Route,
    ];

    private DateTimeOffset Now => LogGenerator.Truncate(kit.Core.Settings.Time.GetUtcNow());

    private void Create(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? reason = RequestFields.StringField(item, "reason");
        string searchBy = RequestFields.StringField(item, "searchBy") ?? "hash";
        string? value = searchBy == "url" ? RequestFields.StringField(item, "url") : RequestFields.StringField(item, "hashOrMessageId");
        FailError? error = RequestFields.Required(reason, "reason")
            ?? (searchBy is "hash" or "messageId" or "url" ? (FailError?)null : new FailError(SimulatorErrorCodes.InvalidValue, "searchBy must be hash, messageId or url", Field: "searchBy"))
            ?? RequestFields.Required(value, searchBy == "url" ? "url" : "hashOrMessageId");
        if (error is null && searchBy == "messageId" && !(value!.StartsWith('<') && value.EndsWith('>')))
        {
            error = new FailError(SimulatorErrorCodes.InvalidValue, "When using 'messageId', the '<' '>' delimiters are required", Field: "hashOrMessageId");
        }

        if (error is null && searchBy == "hash" && !IsHash(value!))
        {
            error = new FailError(SimulatorErrorCodes.InvalidValue, "hashOrMessageId is not a valid MD5, SHA-1 or SHA-256 file hash", Field: "hashOrMessageId");
        }

        DateTimeOffset? start = null, end = null;
        if (error is null && (!RequestFields.TryDate(item, "start", out start, out error) || !RequestFields.TryDate(item, "end", out end, out error)))
        {
            error ??= new FailError(SimulatorErrorCodes.InvalidDateValue, "invalid date");
        }

        if (error is { } e)
        {
            answer.Fail(item, e);
            return;
        }

        DateTimeOffset now = Now;
        DateTimeOffset from = start ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        DateTimeOffset to = end ?? now;
        int identified = searchBy switch
        {
            "hash" => account.Attachment.Items.Count(a => InRange(a.Date, from, to) && string.Equals(a.FileHash, value, StringComparison.OrdinalIgnoreCase)),
            "url" => account.Url.Items.Count(u => InRange(u.Date, from, to) && string.Equals(u.Url, value, StringComparison.Ordinal)),
            _ => account.Url.Items.Count(u => InRange(u.Date, from, to) && u.MessageId == value) + account.Attachment.Items.Count(a => InRange(a.Date, from, to) && a.MessageId == value),
        };
        KeyedStore<SimulatorIncident> store = Incidents(account);
        string id = store.Mint();
        var incident = new SimulatorIncident(id, Code(id), identified == 0 ? "notify_only" : "automatic", reason!, identified, identified, now,
            new(from, to, searchBy == "messageId" ? value : null, searchBy == "hash" ? value : null, searchBy == "url" ? value : null));
        store.Put(id, incident);
        answer.Data(incident.Write);
    }

    private static void GetIncident(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? id = RequestFields.StringField(item, "id");
        if (RequestFields.Required(id, "id") is { } error)
        {
            answer.Fail(item, error);
        }
        else if (Incidents(account).Find(id!) is { } incident)
        {
            answer.Data(incident.Write);
        }
        else
        {
            answer.Fail(item, new FailError(IncidentNotFound, "Incident not found", Field: "id"));
        }
    }

    private static void FindIncidents(AccountState account, JsonElement item, ItemAnswer answer)
    {
        (string Field, string Value)? search = FieldValues(item, "searchBy").FirstOrDefault() is { Field: { } f } s ? (f, s.Value) : null;
        string[] types = [.. FieldValues(item, "filterBy").Where(f => f.Field is null or "type").Select(f => f.Value)];
        if (!RequestFields.TryDate(item, "start", out DateTimeOffset? start, out FailError? error) || !RequestFields.TryDate(item, "end", out DateTimeOffset? end, out error))
        {
            answer.Fail(item, error!.Value);
            return;
        }

        if (search is null && types.Length == 0 && start is null && end is null)
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.ValidationNull, "At least one field must be supplied", Field: "searchBy"));
            return;
        }

        SimulatorIncident[] found = [.. Incidents(account).Values.Where(i =>
            (start is null || i.Created >= start) && (end is null || i.Created <= end)
            && (types.Length == 0 || types.Contains(i.Type, StringComparer.OrdinalIgnoreCase))
            && (search is not { } q || Matches(i, q.Field, q.Value)))];
        answer.Data(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("incidents");
            foreach (SimulatorIncident i in found)
            {
                i.Write(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void SearchHash(AccountState account, JsonElement item, ItemAnswer answer)
    {
        if (!item.TryGetProperty("hashes", out JsonElement hashes) || hashes.ValueKind != JsonValueKind.Array)
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.ValidationNull, "hashes is required", Field: "hashes"));
            return;
        }

        if (hashes.GetArrayLength() is 0 or > 100)
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.InvalidValue, "hashes must contain from 1 to 100 items", Field: "hashes"));
            return;
        }

        var known = account.Attachment.Items.Select(a => a.FileHash).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] all = [.. hashes.EnumerateArray().Select(h => h.ValueKind == JsonValueKind.String ? h.GetString() ?? string.Empty : h.GetRawText())];
        answer.Data(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("hashStatus");
            foreach (string h in all.Where(IsHash))
            {
                w.WriteStartObject();
                w.WriteString("hash", h);
                w.WriteBoolean("detected", known.Contains(h));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            JsonOut.WriteStrings(w, "failedHashes", [.. all.Where(h => !IsHash(h))]);
            w.WriteEndObject();
        });
    }

    private static bool IsHash(string h) => h.Length is 32 or 40 or 64 && h.All(char.IsAsciiHexDigit);

    private static bool InRange(DateTimeOffset t, DateTimeOffset from, DateTimeOffset to) => t >= from && t <= to;

    private static bool Matches(SimulatorIncident i, string field, string value) => field switch
    {
        "code" => string.Equals(i.Code, value, StringComparison.OrdinalIgnoreCase),
        "reason" => i.Reason.Contains(value, StringComparison.OrdinalIgnoreCase),
        "file_hash" => string.Equals(i.Criteria.FileHash, value, StringComparison.OrdinalIgnoreCase),
        _ => i.Reason.Contains(value, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Code, value, StringComparison.OrdinalIgnoreCase)
            || string.Equals(i.Criteria.FileHash, value, StringComparison.OrdinalIgnoreCase),
    };

    // searchBy/filterBy in either documented shape: one object or an array of objects; {fieldName, value} or {type}.
    private static IEnumerable<(string? Field, string Value)> FieldValues(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out JsonElement v))
        {
            return [];
        }

        JsonElement[] entries = v.ValueKind switch
        {
            JsonValueKind.Array => [.. v.EnumerateArray()],
            JsonValueKind.Object => [v],
            _ => [],
        };
        return entries.Select(e => RequestFields.StringField(e, "type") is { } type
                ? ((string?)"type", type)
                : (RequestFields.StringField(e, "fieldName") ?? "all", RequestFields.StringField(e, "value") ?? string.Empty))
            .Where(f => f.Item2.Length > 0);
    }

    // A code derived from the id: no draw from the account's random stream (the logs it generates stay the same).
    private static string Code(string id)
    {
        uint h = (uint)KeyMaterial.StableHash(id);
        return string.Create(CultureInfo.InvariantCulture, $"TR-{10_000 + (h % 90_000)}-{10_000 + (h / 90_000 % 90_000)}-I");
    }

    private static KeyedStore<SimulatorIncident> Incidents(AccountState account) => account.Store(static a =>
    {
        var store = new KeyedStore<SimulatorIncident>(new Random(KeyMaterial.Mix(a.Account.Seed, KeyMaterial.StableHash(a.Email.ToUpperInvariant()), 0x7e11)));
        var at = new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);
        foreach ((string reason, string hash) in new[] { ("Seeded: phishing invoice campaign", "5d41402abc4b2a76b9719d911017c592"), ("Seeded: malware attachment", "7d793037a0760186574b0282f2f435e7") })
        {
            string id = store.Mint();
            store.Put(id, new SimulatorIncident(id, Code(id), "automatic", reason, 3, 3, at, new(at.AddDays(-30), at, null, hash, null)));
            at = at.AddDays(7);
        }

        return store;
    });
}

/// <summary>What a simulated incident searched for.</summary>
internal sealed record SimulatorIncidentCriteria(DateTimeOffset Start, DateTimeOffset End, string? MessageId, string? FileHash, string? Url);

/// <summary>A simulated remediation incident (counts are final at creation: the simulator removes instantly).</summary>
internal sealed record SimulatorIncident(string Id, string Code, string Type, string Reason, int Identified, int Successful, DateTimeOffset Created, SimulatorIncidentCriteria Criteria)
{
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("code", Code);
        w.WriteString("type", Type);
        w.WriteString("reason", Reason);
        w.WriteNumber("identified", Identified);
        w.WriteNumber("successful", Successful);
        w.WriteNumber("failed", Identified - Successful);
        w.WriteNumber("restored", 0);
        w.WriteString("create", JsonOut.WireDate(Created));
        w.WriteString("modified", JsonOut.WireDate(Created));
        w.WriteStartObject("searchCriteria");
        w.WriteString("start", JsonOut.WireDate(Criteria.Start));
        w.WriteString("end", JsonOut.WireDate(Criteria.End));
        if (Criteria.MessageId is { } m)
        {
            w.WriteString("messageId", m);
        }

        if (Criteria.FileHash is { } h)
        {
            w.WriteString("fileHash", h);
        }

        if (Criteria.Url is { } u)
        {
            w.WriteString("url", u);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
