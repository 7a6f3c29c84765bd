using System.Globalization;
using System.Text.Json.Serialization;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Message;

/// <summary>Source-generated JSON and the columns of the <c>message</c> commands.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TrackedEmail))]
[JsonSerializable(typeof(MessageInfo))]
internal sealed partial class MessageJson : JsonSerializerContext
{
    /// <summary>The table and TSV columns of <c>message search</c>.</summary>
    public static IReadOnlyList<Column<TrackedEmail>> SearchColumns { get; } =
    [
        new("id", static m => m.Id),
        new("status", static m => m.Status),
        new("received", static m => m.Received?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        new("from", static m => (m.FromHdr ?? m.FromEnv)?.EmailAddress),
        new("to", static m => m.To is null ? null : string.Join(",", m.To.Select(static t => t.EmailAddress))),
        new("subject", static m => m.Subject),
    ];

    /// <summary>The table and TSV columns of <c>message info</c>.</summary>
    public static IReadOnlyList<Column<MessageInfo>> InfoColumns { get; } =
    [
        new("id", static m => m.Id),
        new("status", static m => m.Status),
        new("deliveredTo", static m => m.DeliveredMessage is null ? null : string.Join(",", m.DeliveredMessage.Keys)),
    ];
}
