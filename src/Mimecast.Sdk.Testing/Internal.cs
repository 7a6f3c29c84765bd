using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>Deterministic key material for bindings.</summary>
internal static class KeyMaterial
{
    public static string NewAccessKey(Random random)
    {
        var bytes = new byte[48];
        random.NextBytes(bytes);
        return Base64Url(bytes);
    }

    public static string NewSecretKey(Random random)
    {
        var bytes = new byte[64];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A stable (process-independent) mix of integers, for seeding.</summary>
    public static int Mix(params ReadOnlySpan<int> values)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (int v in values)
            {
                h = (h ^ (uint)v) * 16777619;
                h ^= h >> 15;
                h *= 0x2c1b3c6d;
                h ^= h >> 12;
            }

            return (int)h;
        }
    }

    public static int StableHash(string text)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BitConverter.ToInt32(hash, 0);
    }
}

/// <summary>
/// The simulator's own, independent implementation of the API 1.0 request signature:
/// base64(HMAC-SHA1(base64decode(secretKey), UTF8("{date}:{reqId}:{path}:{appKey}"))).
/// </summary>
internal static class MimecastSignature
{
    public const string DateFormat = "ddd, dd MMM yyyy HH:mm:ss 'UTC'";

    /// <summary>
    /// What <c>x-mc-date</c> may be: the documented <c>UTC</c> form, and the RFC 1123 <c>GMT</c> form that Mimecast's
    /// German documentation shows and a published PowerShell module sends. The simulator is no stricter than Mimecast.
    /// </summary>
    private static readonly string[] AcceptedDateFormats = [DateFormat, "ddd, dd MMM yyyy HH:mm:ss 'GMT'"];

    public static string Compute(string secretKeyBase64, string date, string requestId, string path, string appKey) =>
        Convert.ToBase64String(Mac(Convert.FromBase64String(secretKeyBase64), date, requestId, path, appKey));

    public static bool Verify(byte[] secretKey, string date, string requestId, string path, string appKey, string signature)
    {
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] expected = Mac(secretKey, date, requestId, path, appKey);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    public static bool TryParseDate(string value, out DateTimeOffset date)
    {
        if (DateTime.TryParseExact(value, AcceptedDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime parsed))
        {
            date = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        date = default;
        return false;
    }

    public static string FormatDate(DateTimeOffset date) => date.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static byte[] Mac(byte[] key, string date, string requestId, string path, string appKey)
    {
        byte[] data = Encoding.UTF8.GetBytes(string.Concat(date, ":", requestId, ":", path, ":", appKey));
        return HMACSHA1.HashData(key, data);
    }
}

/// <summary>One <c>fail</c> error.</summary>
internal readonly record struct FailError(string Code, string Message, bool Retryable = false, string? Field = null);

/// <summary>Writes Mimecast envelopes with <see cref="Utf8JsonWriter"/> (no reflection).</summary>
internal static class JsonOut
{
    public const string WireDateFormat = "yyyy-MM-dd'T'HH:mm:ss'+0000'";

    /// <summary>
    /// Mimecast's JSON escapes only what JSON requires: "+0000" in dates, "&lt;" in message ids and "&amp;" in URLs are
    /// sent as themselves, not as \u002B, \u003C, \u0026 (System.Text.Json's default, HTML-safe escaping).
    /// </summary>
    public static readonly JsonWriterOptions WireOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string WireDate(DateTimeOffset date) => date.UtcDateTime.ToString(WireDateFormat, CultureInfo.InvariantCulture);

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WireOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Success(int status, Action<Utf8JsonWriter> writeDataItems, Action<Utf8JsonWriter>? writePagination = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("meta");
        w.WriteNumber("status", status);
        if (writePagination is not null)
        {
            w.WriteStartObject("pagination");
            writePagination(w);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("data");
        writeDataItems(w);
        w.WriteEndArray();
        w.WriteStartArray("fail");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A failure with the keyed shape <c>{"key":{…},"errors":[…]}</c>; the key is left out when there is nothing to echo.</summary>
    public static byte[] Failure(int metaStatus, FailError error, JsonElement? key = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("meta");
        w.WriteNumber("status", metaStatus);
        w.WriteEndObject();
        w.WriteStartArray("data");
        w.WriteEndArray();
        w.WriteStartArray("fail");
        WriteFailEntry(w, error, key);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>One <c>fail</c> entry, <c>{"key":{…},"errors":[{code,message[,field],retryable}]}</c>; the key is left out when there is nothing to echo.</summary>
    public static void WriteFailEntry(Utf8JsonWriter w, FailError error, JsonElement? key)
    {
        w.WriteStartObject();
        if (key is { ValueKind: JsonValueKind.Object } k)
        {
            w.WritePropertyName("key");
            k.WriteTo(w);
        }

        w.WriteStartArray("errors");
        w.WriteStartObject();
        w.WriteString("code", error.Code);
        w.WriteString("message", error.Message);
        if (error.Field is not null)
        {
            w.WriteString("field", error.Field);
        }

        w.WriteBoolean("retryable", error.Retryable);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A failure with the flat shape <c>{"code":…,"message":…}</c> (authentication failures of API 2.0).</summary>
    public static byte[] FlatFailure(int metaStatus, string code, string message, string? oauthError = null) => Write(w =>
    {
        w.WriteStartObject();
        if (oauthError is not null)
        {
            w.WriteString("error", oauthError);
            w.WriteString("error_description", message);
        }

        w.WriteStartObject("meta");
        w.WriteNumber("status", metaStatus);
        w.WriteEndObject();
        w.WriteStartArray("data");
        w.WriteEndArray();
        w.WriteStartArray("fail");
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    public static void WriteUrl(Utf8JsonWriter w, SimulatorUrlLog r)
    {
        w.WriteStartObject();
        w.WriteString("userEmailAddress", r.UserEmailAddress);
        w.WriteString("fromUserEmailAddress", r.FromUserEmailAddress);
        w.WriteString("url", r.Url);
        w.WriteString("ttpDefinition", r.TtpDefinition);
        w.WriteString("subject", r.Subject);
        w.WriteString("action", r.Action);
        w.WriteString("adminOverride", r.AdminOverride);
        w.WriteString("userOverride", r.UserOverride);
        w.WriteString("scanResult", r.ScanResult);
        w.WriteString("category", r.Category);
        w.WriteString("sendingIp", r.SendingIp);
        w.WriteString("userAwarenessAction", r.UserAwarenessAction);
        w.WriteString("date", WireDate(r.Date));
        w.WriteString("actions", r.Actions);
        w.WriteString("route", r.Route);
        w.WriteString("creationMethod", r.CreationMethod);
        WriteStrings(w, "emailPartsDescription", r.EmailPartsDescription);
        w.WriteString("messageId", r.MessageId);
        w.WriteStartObject("tagMap");
        w.WriteStartObject("UrlScan");
        WriteStrings(w, "Category", [r.Category]);
        WriteStrings(w, "Verdict", [r.ScanResult]);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteAttachment(Utf8JsonWriter w, SimulatorAttachmentLog r)
    {
        w.WriteStartObject();
        w.WriteString("result", r.Result);
        w.WriteString("date", WireDate(r.Date));
        w.WriteString("senderAddress", r.SenderAddress);
        w.WriteString("fileName", r.FileName);
        w.WriteString("actionTriggered", r.ActionTriggered);
        w.WriteString("route", r.Route);
        w.WriteString("details", r.Details);
        w.WriteString("recipientAddress", r.RecipientAddress);
        w.WriteString("fileType", r.FileType);
        w.WriteString("definition", r.Definition);
        w.WriteString("messageId", r.MessageId);
        w.WriteString("fileHash", r.FileHash);
        w.WriteString("subject", r.Subject);
        w.WriteEndObject();
    }

    public static void WriteImpersonation(Utf8JsonWriter w, SimulatorImpersonationLog r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("senderAddress", r.SenderAddress);
        w.WriteString("recipientAddress", r.RecipientAddress);
        w.WriteString("subject", r.Subject);
        w.WriteString("definition", r.Definition);
        w.WriteNumber("hits", r.Hits);
        WriteStrings(w, "identifiers", r.Identifiers);
        w.WriteString("action", r.Action);
        w.WriteBoolean("taggedExternal", r.TaggedExternal);
        w.WriteBoolean("taggedMalicious", r.TaggedMalicious);
        w.WriteString("senderIpAddress", r.SenderIpAddress);
        w.WriteString("eventTime", WireDate(r.EventTime));
        w.WriteStartArray("impersonationResults");
        foreach (SimulatorImpersonationResult result in r.ImpersonationResults)
        {
            w.WriteStartObject();
            w.WriteString("impersonationDomainSource", result.ImpersonationDomainSource);
            w.WriteString("stringSimilarToDomain", result.StringSimilarToDomain);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("messageId", r.MessageId);
        w.WriteEndObject();
    }
}
