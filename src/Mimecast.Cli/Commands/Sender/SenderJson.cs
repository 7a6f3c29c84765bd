using System.Text.Json.Serialization;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Sender;

/// <summary>Source-generated JSON and the columns of the <c>sender</c> commands.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BlockedSenderPolicy))]
internal sealed partial class SenderJson : JsonSerializerContext
{
    /// <summary>The table and TSV columns of <c>sender policy list</c>.</summary>
    public static IReadOnlyList<Column<BlockedSenderPolicy>> PolicyColumns { get; } =
    [
        new("id", static p => p.Id),
        new("option", static p => p.Option),
        new("description", static p => p.Policy?.Description),
        new("from", static p => Side(p.Policy?.From, p.Policy?.FromType, p.Policy?.FromValue)),
        new("to", static p => Side(p.Policy?.To, p.Policy?.ToType, p.Policy?.ToValue)),
        new("enabled", static p => p.Policy?.Enabled switch { true => "true", false => "false", null => null }),
    ];

    private static string? Side(PolicyParty? party, string? flatType, string? flatValue)
    {
        string? type = party?.Type ?? flatType;
        string? value = party?.EmailAddress ?? party?.EmailDomain ?? party?.GroupId ?? flatValue;
        return value is null ? type : $"{type}:{value}";
    }
}
