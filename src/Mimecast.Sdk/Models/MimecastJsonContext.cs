using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

// Source-generated JSON metadata for every type the SDK reads or writes: trimmable and native-AOT safe.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(MimecastDateTimeConverter)])]
[JsonSerializable(typeof(RequestEnvelope<EmailAddressData>))]
[JsonSerializable(typeof(RequestEnvelope<LoginData>))]
[JsonSerializable(typeof(RequestEnvelope<AccessKeyData>))]
[JsonSerializable(typeof(RequestEnvelope<TtpUrlLogQuery>))]
[JsonSerializable(typeof(RequestEnvelope<TtpAttachmentLogQuery>))]
[JsonSerializable(typeof(RequestEnvelope<TtpImpersonationLogQuery>))]
[JsonSerializable(typeof(ResponseEnvelope<MimecastAuthenticationInfo>))]
[JsonSerializable(typeof(ResponseEnvelope<MimecastAccessKey>))]
[JsonSerializable(typeof(ResponseEnvelope<UrlLogsData>))]
[JsonSerializable(typeof(ResponseEnvelope<AttachmentLogsData>))]
[JsonSerializable(typeof(ResponseEnvelope<ImpersonationLogsData>))]
[JsonSerializable(typeof(ResponseEnvelope<System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(TtpUrlLog))]
[JsonSerializable(typeof(TtpAttachmentLog))]
[JsonSerializable(typeof(TtpImpersonationLog))]
internal sealed partial class MimecastJsonContext : JsonSerializerContext
{
}
