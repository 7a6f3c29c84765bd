using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

// Source-generated JSON metadata of the SIEM and audit operations (kept apart from MimecastJsonContext).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(MimecastDateTimeConverter)])]
[JsonSerializable(typeof(SiemEvent))]
[JsonSerializable(typeof(SiemEventsResponse))]
[JsonSerializable(typeof(SiemBatchResponse))]
[JsonSerializable(typeof(RestErrorBody))]
[JsonSerializable(typeof(RequestEnvelope<AuditEventRequestData>))]
[JsonSerializable(typeof(ResponseEnvelope<AuditEvent>))]
internal sealed partial class LogSourcesJsonContext : JsonSerializerContext
{
}
