using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>Reads control-API request fields and writes its answers (camelCase JSON, no reflection).</summary>
internal static class ControlJson
{
    public static byte[] Write(Action<Utf8JsonWriter> writeProperties) => JsonOut.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", true);
        writeProperties(w);
        w.WriteEndObject();
    });

    public static byte[] Ok() => Write(_ => { });

    public static byte[] Error(string error, string message) => JsonOut.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", false);
        w.WriteString("error", error);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>Accepts a fault's name in any case, with or without <c>_</c>/<c>-</c> (<c>ServerError</c>, <c>server_error</c>, <c>token-expired</c>).</summary>
    public static SimulatorFault ParseFault(string text)
    {
        string wanted = text.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        foreach (SimulatorFault fault in Enum.GetValues<SimulatorFault>())
        {
            if (string.Equals(fault.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return fault;
            }
        }

        throw new ArgumentException("fault must be one of " + string.Join(", ", Enum.GetNames<SimulatorFault>()) + ".");
    }

    public static string RequiredString(JsonElement? body, string name) =>
        OptionalString(body, name) ?? throw new ArgumentException(name + " is required.");

    public static string? OptionalString(JsonElement? body, string name) =>
        Property(body, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new ArgumentException(name + " must be a string.");

    public static int? OptionalInt(JsonElement? body, string name) =>
        Property(body, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n
        : throw new ArgumentException(name + " must be an integer.");

    public static double? OptionalDouble(JsonElement? body, string name) =>
        Property(body, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw new ArgumentException(name + " must be a number.");

    public static bool? OptionalBool(JsonElement? body, string name) =>
        Property(body, name) is not { } v ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new ArgumentException(name + " must be true or false.");

    public static TimeSpan? OptionalSeconds(JsonElement? body, string name) => Duration(body, name, TimeSpan.FromSeconds);

    public static TimeSpan? OptionalMilliseconds(JsonElement? body, string name) => Duration(body, name, TimeSpan.FromMilliseconds);

    public static byte[] Journal(IReadOnlyList<SimulatorJournalEntry> entries, int since) => Write(w =>
    {
        w.WriteNumber("count", entries.Count);
        w.WriteStartArray("entries");
        for (int i = since; i < entries.Count; i++)
        {
            SimulatorJournalEntry e = entries[i];
            w.WriteStartObject();
            w.WriteNumber("index", i);
            w.WriteString("timestamp", e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture));
            w.WriteString("method", e.Method);
            w.WriteString("path", e.Path);
            w.WriteString("authKind", e.AuthKind.ToString());
            WriteNullable(w, "account", e.AccountEmail);
            WriteNullable(w, "credentialId", e.CredentialId);
            WriteNullable(w, "requestId", e.RequestId);
            w.WriteNumber("status", e.StatusCode);
            WriteNullable(w, "errorCode", e.ErrorCode);
            WriteNullable(w, "pageToken", e.PageToken);
            WriteNullable(w, "pageSize", e.PageSize);
            WriteNullable(w, "recordCount", e.RecordCount);
            WriteNullable(w, "fault", e.Fault?.ToString());
            w.WriteNumber("rateLimitRemaining", e.RateLimitRemaining);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static byte[] Counters(SimulatorCounters c) => Write(w =>
    {
        w.WriteNumber("requestsDuringWait", c.RequestsDuringWait);
        w.WriteNumber("rateLimitedResponses", c.RateLimitedResponses);
        w.WriteNumber("tokenRequests", c.TokenRequests);
        w.WriteNumber("tokensIssued", c.TokensIssued);
        w.WriteNumber("pendingFaults", c.PendingFaults);
        w.WriteNumber("journalEntries", c.JournalEntries);
        w.WriteStartArray("accounts");
        foreach (SimulatorAccountCounters a in c.Accounts)
        {
            w.WriteStartObject();
            w.WriteString("emailAddress", a.EmailAddress);
            w.WriteNumber("requestsDuringWait", a.RequestsDuringWait);
            w.WriteNumber("rateLimitedResponses", a.RateLimitedResponses);
            w.WriteNumber("urlLogs", a.UrlLogs);
            w.WriteNumber("attachmentLogs", a.AttachmentLogs);
            w.WriteNumber("impersonationLogs", a.ImpersonationLogs);
            w.WriteNumber("activeBindings", a.ActiveBindings);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static byte[] FaultRates(SimulatorFaults f) => Write(w =>
    {
        w.WriteNumber("serverError", f.ServerErrorRate);
        w.WriteNumber("latency", f.LatencyRate);
        w.WriteNumber("failEnvelope", f.FailEnvelopeRate);
        w.WriteNumber("malformedJson", f.MalformedJsonRate);
        w.WriteNumber("htmlErrorPage", f.HtmlErrorPageRate);
        w.WriteNumber("droppedConnection", f.DroppedConnectionRate);
        w.WriteNumber("rateLimited", f.RateLimitedRate);
        w.WriteNumber("latencyMs", f.LatencyDuration.TotalMilliseconds);
        w.WriteNumber("rateLimitedResetMs", f.RateLimitedReset.TotalMilliseconds);
    });

    private static JsonElement? Property(JsonElement? body, string name) =>
        body is { } b && b.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static TimeSpan? Duration(JsonElement? body, string name, Func<double, TimeSpan> unit)
    {
        double? value = OptionalDouble(body, name);
        if (value is not { } v)
        {
            return null;
        }

        if (double.IsNaN(v) || v < 0 || v > TimeSpan.FromDays(3650).TotalSeconds * 1000)
        {
            throw new ArgumentException(name + " must be a non-negative number.");
        }

        return unit(v);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
