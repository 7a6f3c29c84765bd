using System.Globalization;
using System.Text.Json.Serialization;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Held;

/// <summary>Source-generated JSON and the columns of the <c>held</c> commands.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HeldMessage))]
[JsonSerializable(typeof(HeldSummary))]
internal sealed partial class HeldJson : JsonSerializerContext
{
    /// <summary>The table and TSV columns of <c>held list</c>.</summary>
    public static IReadOnlyList<Column<HeldMessage>> MessageColumns { get; } =
    [
        new("id", static m => m.Id),
        new("received", static m => m.DateReceived?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        new("from", static m => m.From?.EmailAddress),
        new("to", static m => m.To?.EmailAddress),
        new("subject", static m => m.Subject),
        new("reason", static m => m.Reason),
        new("route", static m => m.Route),
    ];

    /// <summary>The table and TSV columns of <c>held summary</c>.</summary>
    public static IReadOnlyList<Column<HeldSummary>> SummaryColumns { get; } =
    [
        new("policyInfo", static s => s.PolicyInfo),
        new("numberOfItems", static s => s.NumberOfItems?.ToString(CultureInfo.InvariantCulture)),
    ];
}
