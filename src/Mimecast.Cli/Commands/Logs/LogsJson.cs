using System.Text.Json.Serialization;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Logs;

/// <summary>The JSON shapes of the <c>logs</c> commands: the SDK's public log models, camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TtpUrlLog))]
[JsonSerializable(typeof(TtpAttachmentLog))]
[JsonSerializable(typeof(TtpImpersonationLog))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(SiemEvent))]
internal sealed partial class LogsJson : JsonSerializerContext;
