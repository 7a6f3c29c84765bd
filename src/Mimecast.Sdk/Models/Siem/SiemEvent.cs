using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>
/// One SIEM Cloud Gateway event, from the stream (<c>/siem/v1/events/cg</c>) or a batch file
/// (<c>/siem/v1/batch/events/cg</c>). The fields every type shares are typed; the type-specific rest (for example
/// <c>action</c>, <c>senderIp</c>, <c>spamProcessingDetail</c>) stays in <see cref="ExtensionData"/> exactly as sent:
/// Mimecast sends most values as strings, even numbers and booleans, and some as JSON inside a string.
/// </summary>
/// <remarks>Events have no unique id; <see cref="AggregateId"/> and <see cref="ProcessingId"/> repeat across stages of one message.</remarks>
[JsonConverter(typeof(SiemEventConverter))]
public sealed class SiemEvent
{
    /// <summary>Gets or sets when the event happened (<c>timestamp</c>, epoch milliseconds on the wire).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Gets or sets the event type (<c>type</c>, or <c>eventType</c> in the stream's spelling).</summary>
    public SiemEventType Type { get; set; }

    /// <summary>Gets or sets the subtype (<c>subtype</c> or <c>subType</c>), for example <c>Hld</c>.</summary>
    public string? Subtype { get; set; }

    /// <summary>Gets or sets the Mimecast account code.</summary>
    public string? AccountId { get; set; }

    /// <summary>Gets or sets the id shared by every stage (receipt, process, delivery…) of one message.</summary>
    public string? AggregateId { get; set; }

    /// <summary>Gets or sets the processing id (not unique: it repeats too).</summary>
    public string? ProcessingId { get; set; }

    /// <summary>Gets or sets the Internet message id.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the message subject.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the envelope sender (SMTP <c>MAIL FROM</c>).</summary>
    public string? SenderEnvelope { get; set; }

    /// <summary>Gets or sets the recipients, as Mimecast sent them (a string, or the items of an array joined by commas).</summary>
    public string? Recipients { get; set; }

    /// <summary>
    /// Gets or sets every other field of the event, unchanged. Built on first use from the record as received (most
    /// readers use the typed fields and <see cref="GetString"/> only, which read the record directly).
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData
    {
        get
        {
            if (_restPending)
            {
                _extensionData = SiemEventConverter.ReadRest(Raw);
                _restPending = false;
            }

            return _extensionData;
        }

        set
        {
            _extensionData = value;
            _restPending = false;
        }
    }

    /// <summary>Gets the string value of a type-specific field (for example <c>action</c>), or <see langword="null"/> when absent or null.</summary>
    /// <param name="name">The field name as sent (case-sensitive).</param>
    /// <returns>The value: a string as sent, other JSON values as their raw text.</returns>
    public string? GetString(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        JsonElement value;
        if (_restPending)
        {
            if (SiemEventConverter.IsTyped(name) || !Raw.TryGetProperty(name, out value))
            {
                return null;
            }
        }
        else if (_extensionData is null || !_extensionData.TryGetValue(name, out value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    /// <summary>The record exactly as received, for de-duplication of repeated page boundaries.</summary>
    internal JsonElement Raw { get; set; }

    private IDictionary<string, JsonElement>? _extensionData;

    // True while the untyped fields are only in Raw (set by the converter, cleared on first use or assignment).
    private bool _restPending;

    internal void DeferExtensionData() => _restPending = true;

    /// <summary>Returns the type, time and message id; never the whole record.</summary>
    public override string ToString() => $"SiemEvent({Type}, {Timestamp:O}, {MessageId})";
}

/// <summary>
/// Reads an event with one parse of the record (the extension values are views into it, not one document each) and
/// tolerates both spellings of the type fields, a numeric or string timestamp and string or array recipients.
/// </summary>
internal sealed class SiemEventConverter : JsonConverter<SiemEvent>
{
    public override SiemEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A SIEM event must be a JSON object, not {reader.TokenType}.");
        }

        var root = JsonElement.ParseValue(ref reader);
        var result = new SiemEvent { Raw = root };
        var hasRest = false;
        foreach (var property in root.EnumerateObject())
        {
            // NameEquals compares UTF-8 in place: no string per field name (the untyped rest is only named on first use).
            var value = property.Value;
            if (property.NameEquals("timestamp"u8))
            {
                result.Timestamp = ReadTimestamp(value);
            }
            else if (property.NameEquals("type"u8) || property.NameEquals("eventType"u8))
            {
                result.Type = ReadType(value) ?? result.Type;
            }
            else if (property.NameEquals("subtype"u8) || property.NameEquals("subType"u8))
            {
                result.Subtype = Text(value) ?? result.Subtype;
            }
            else if (property.NameEquals("accountId"u8))
            {
                result.AccountId = Text(value);
            }
            else if (property.NameEquals("aggregateId"u8))
            {
                result.AggregateId = Text(value);
            }
            else if (property.NameEquals("processingId"u8))
            {
                result.ProcessingId = Text(value);
            }
            else if (property.NameEquals("messageId"u8))
            {
                result.MessageId = Text(value);
            }
            else if (property.NameEquals("subject"u8))
            {
                result.Subject = Text(value);
            }
            else if (property.NameEquals("senderEnvelope"u8))
            {
                result.SenderEnvelope = Text(value);
            }
            else if (property.NameEquals("recipients"u8))
            {
                result.Recipients = value.ValueKind == JsonValueKind.Array
                    ? string.Join(',', value.EnumerateArray().Select(static r => Text(r)).Where(static r => r is not null))
                    : Text(value);
            }
            else
            {
                hasRest = true;
            }
        }

        if (hasRest)
        {
            result.DeferExtensionData();
        }

        return result;
    }

    // A known type reuses its instance (no string per event); anything else is kept as sent.
    private static SiemEventType? ReadType(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var known in SiemEventType.Known)
        {
            if (value.ValueEquals(known.Value))
            {
                return known;
            }
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? (SiemEventType?)null : new SiemEventType(text);
    }

    /// <summary>Whether a field is one of the typed ones (not in <see cref="SiemEvent.ExtensionData"/>).</summary>
    internal static bool IsTyped(string name) => name is "timestamp" or "type" or "eventType" or "subtype" or "subType" or "accountId"
        or "aggregateId" or "processingId" or "messageId" or "subject" or "senderEnvelope" or "recipients";

    /// <summary>The untyped fields of a record, as views into it (a later duplicate name wins, as before).</summary>
    internal static Dictionary<string, JsonElement>? ReadRest(JsonElement root)
    {
        Dictionary<string, JsonElement>? rest = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!IsTyped(property.Name))
            {
                (rest ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value;
            }
        }

        return rest;
    }

    public override void Write(Utf8JsonWriter writer, SiemEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Timestamp is { } timestamp)
        {
            writer.WriteNumber("timestamp", timestamp.ToUnixTimeMilliseconds());
        }

        if (value.Type.Value.Length > 0)
        {
            writer.WriteString("type", value.Type.Value);
        }

        WriteIfSet(writer, "subtype", value.Subtype);
        WriteIfSet(writer, "accountId", value.AccountId);
        WriteIfSet(writer, "aggregateId", value.AggregateId);
        WriteIfSet(writer, "processingId", value.ProcessingId);
        WriteIfSet(writer, "messageId", value.MessageId);
        WriteIfSet(writer, "subject", value.Subject);
        WriteIfSet(writer, "senderEnvelope", value.SenderEnvelope);
        WriteIfSet(writer, "recipients", value.Recipients);
        if (value.ExtensionData is not null)
        {
            foreach (var (name, element) in value.ExtensionData)
            {
                writer.WritePropertyName(name);
                element.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static DateTimeOffset? ReadTimestamp(JsonElement value)
    {
        long ms;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out ms))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }

            if (MimecastDateTimeConverter.TryParse(text, out var date))
            {
                return date;
            }
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        throw new JsonException("The SIEM event's timestamp is neither epoch milliseconds nor a date.");
    }
}
