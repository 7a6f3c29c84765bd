using System.Collections.ObjectModel;
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
[JsonConverter(typeof(SiemEventJsonConverter))]
public sealed class SiemEvent
{
    // Stands in _rest for "the untyped fields are still only in Raw" (built on first use).
    private static readonly object RestPending = new();

    // RestPending, null (no untyped fields) or the read-only dictionary; published once with a compare-exchange.
    private object? _rest;

    /// <summary>Creates an event; set its fields in an object initializer (it cannot be changed afterwards).</summary>
    public SiemEvent()
    {
    }

    // An event read from the wire: the untyped fields stay in raw until first asked for.
    internal SiemEvent(JsonElement raw, bool hasRest)
    {
        Raw = raw;
        _rest = hasRest ? RestPending : null;
    }

    /// <summary>Gets when the event happened (<c>timestamp</c>, epoch milliseconds on the wire).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Gets the event type (<c>type</c>, or <c>eventType</c> in the stream's spelling).</summary>
    public SiemEventType Type { get; init; }

    /// <summary>Gets the subtype (<c>subtype</c> or <c>subType</c>), for example <c>Hld</c>.</summary>
    public string? Subtype { get; init; }

    /// <summary>Gets the Mimecast account code.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the id shared by every stage (receipt, process, delivery…) of one message.</summary>
    public string? AggregateId { get; init; }

    /// <summary>Gets the processing id (not unique: it repeats too).</summary>
    public string? ProcessingId { get; init; }

    /// <summary>Gets the Internet message id.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the message subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the envelope sender (SMTP <c>MAIL FROM</c>).</summary>
    public string? SenderEnvelope { get; init; }

    /// <summary>Gets the recipients, as Mimecast sent them (a string, or the items of an array joined by commas).</summary>
    public string? Recipients { get; init; }

    /// <summary>
    /// Gets every other field of the event, unchanged and read-only (an assigned dictionary is copied). Built on first
    /// use from the record as received, once: readers on any number of threads get the same instance (most readers use
    /// the typed fields and <see cref="GetString"/> only, which read the record directly).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData
    {
        get
        {
            var rest = Volatile.Read(ref _rest);
            if (!ReferenceEquals(rest, RestPending))
            {
                return (IReadOnlyDictionary<string, JsonElement>?)rest;
            }

            // Several threads may build it; the first to publish wins and every reader returns that one.
            var built = SiemEventJsonConverter.ReadRest(Raw);
            var previous = Interlocked.CompareExchange(ref _rest, built, RestPending);
            return (IReadOnlyDictionary<string, JsonElement>?)(ReferenceEquals(previous, RestPending) ? built : previous);
        }

        init => _rest = value is null ? null : new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>(value, StringComparer.Ordinal));
    }

    /// <summary>Gets the string value of a type-specific field (for example <c>action</c>), or <see langword="null"/> when absent or null.</summary>
    /// <param name="name">The field name as sent (case-sensitive).</param>
    /// <returns>The value: a string as sent, other JSON values as their raw text.</returns>
    public string? GetString(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        JsonElement value;
        var rest = Volatile.Read(ref _rest);
        if (ReferenceEquals(rest, RestPending))
        {
            if (SiemEventJsonConverter.IsTyped(name) || !Raw.TryGetProperty(name, out value))
            {
                return null;
            }
        }
        else if (rest is not IReadOnlyDictionary<string, JsonElement> fields || !fields.TryGetValue(name, out value))
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
    internal JsonElement Raw { get; }

    /// <summary>Returns the type, time and message id; never the whole record.</summary>
    public override string ToString() => $"SiemEvent({Type}, {Timestamp:O}, {MessageId})";
}

/// <summary>
/// The JSON form of a <see cref="SiemEvent"/>, for storing events in your own source-generated
/// <see cref="JsonSerializerContext"/> (it is the converter <see cref="SiemEvent"/> names, so a context that includes
/// <see cref="SiemEvent"/> uses it without configuration). It writes the wire shape (typed fields under their Mimecast
/// names, <c>timestamp</c> in epoch milliseconds, every other field as received) and reads both spellings of the type
/// fields, a numeric or string timestamp and string or array recipients, with one parse of the record.
/// </summary>
public sealed class SiemEventJsonConverter : JsonConverter<SiemEvent>
{
    /// <summary>Reads one event object.</summary>
    /// <param name="reader">The reader, on the event's start.</param>
    /// <param name="typeToConvert">The type to read (<see cref="SiemEvent"/>).</param>
    /// <param name="options">The serializer options (not used).</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The value is not an object, or its timestamp is neither epoch milliseconds nor a date.</exception>
    public override SiemEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A SIEM event must be a JSON object, not {reader.TokenType}.");
        }

        var root = JsonElement.ParseValue(ref reader);
        DateTimeOffset? timestamp = null;
        SiemEventType type = default;
        string? subtype = null, accountId = null, aggregateId = null, processingId = null, messageId = null, subject = null, senderEnvelope = null, recipients = null;
        var hasRest = false;
        foreach (var property in root.EnumerateObject())
        {
            // NameEquals compares UTF-8 in place: no string per field name (the untyped rest is only named on first use).
            var value = property.Value;
            if (property.NameEquals("timestamp"u8))
            {
                timestamp = ReadTimestamp(value);
            }
            else if (property.NameEquals("type"u8) || property.NameEquals("eventType"u8))
            {
                type = ReadType(value) ?? type;
            }
            else if (property.NameEquals("subtype"u8) || property.NameEquals("subType"u8))
            {
                subtype = Text(value) ?? subtype;
            }
            else if (property.NameEquals("accountId"u8))
            {
                accountId = Text(value);
            }
            else if (property.NameEquals("aggregateId"u8))
            {
                aggregateId = Text(value);
            }
            else if (property.NameEquals("processingId"u8))
            {
                processingId = Text(value);
            }
            else if (property.NameEquals("messageId"u8))
            {
                messageId = Text(value);
            }
            else if (property.NameEquals("subject"u8))
            {
                subject = Text(value);
            }
            else if (property.NameEquals("senderEnvelope"u8))
            {
                senderEnvelope = Text(value);
            }
            else if (property.NameEquals("recipients"u8))
            {
                recipients = value.ValueKind == JsonValueKind.Array
                    ? string.Join(',', value.EnumerateArray().Select(static r => Text(r)).Where(static r => r is not null))
                    : Text(value);
            }
            else
            {
                hasRest = true;
            }
        }

        return new SiemEvent(root, hasRest)
        {
            Timestamp = timestamp,
            Type = type,
            Subtype = subtype,
            AccountId = accountId,
            AggregateId = aggregateId,
            ProcessingId = processingId,
            MessageId = messageId,
            Subject = subject,
            SenderEnvelope = senderEnvelope,
            Recipients = recipients,
        };
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
    internal static IReadOnlyDictionary<string, JsonElement>? ReadRest(JsonElement root)
    {
        Dictionary<string, JsonElement>? rest = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!IsTyped(property.Name))
            {
                (rest ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value;
            }
        }

        return rest is null ? null : new ReadOnlyDictionary<string, JsonElement>(rest);
    }

    /// <summary>Writes one event in the wire shape.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The event.</param>
    /// <param name="options">The serializer options (not used).</param>
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
