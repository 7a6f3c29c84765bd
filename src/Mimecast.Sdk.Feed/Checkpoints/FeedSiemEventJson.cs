using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Stores a <see cref="SiemEvent"/> inside a stored feed event (an outbox row) in the SIEM wire shape: the typed
/// fields under their Mimecast names (<c>timestamp</c> in epoch milliseconds, as on the wire) and every other field as
/// it came. Reading it back rebuilds the same typed event.
/// </summary>
internal static class FeedSiemEventJson
{
    public static JsonElement ToElement(SiemEvent value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static SiemEvent FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A stored SIEM event must be a JSON object, not {root.ValueKind}.");
        }

        var result = new SiemEvent();
        Dictionary<string, JsonElement>? rest = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "timestamp" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms):
                    result.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                    break;
                case "type" when value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()):
                    result.Type = new SiemEventType(value.GetString()!);
                    break;
                case "subtype":
                    result.Subtype = Text(value);
                    break;
                case "accountId":
                    result.AccountId = Text(value);
                    break;
                case "aggregateId":
                    result.AggregateId = Text(value);
                    break;
                case "processingId":
                    result.ProcessingId = Text(value);
                    break;
                case "messageId":
                    result.MessageId = Text(value);
                    break;
                case "subject":
                    result.Subject = Text(value);
                    break;
                case "senderEnvelope":
                    result.SenderEnvelope = Text(value);
                    break;
                case "recipients":
                    result.Recipients = Text(value);
                    break;
                default:
                    (rest ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = value.Clone();
                    break;
            }
        }

        result.ExtensionData = rest;
        return result;
    }

    private static void Write(Utf8JsonWriter writer, SiemEvent value)
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
            foreach (var (name, element) in value.ExtensionData.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                element.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
