using System.Globalization;
using System.Text.Json.Serialization;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Url;

/// <summary>Source-generated JSON and the columns of the <c>url</c> commands.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManagedUrl))]
internal sealed partial class UrlJson : JsonSerializerContext
{
    /// <summary>The table and TSV columns of <c>url list</c>.</summary>
    public static IReadOnlyList<Column<ManagedUrl>> Columns { get; } =
    [
        new("id", static u => u.Id),
        new("action", static u => u.Action),
        new("matchType", static u => u.MatchType),
        new("url", static u => Display(u)),
        new("comment", static u => u.Comment),
    ];

    private static string Display(ManagedUrl u)
    {
        string port = u.Port is { } p and > 0 ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        string scheme = string.IsNullOrEmpty(u.Scheme) ? string.Empty : u.Scheme + "://";
        string query = string.IsNullOrEmpty(u.QueryString) ? string.Empty : "?" + u.QueryString.TrimStart('?');
        return scheme + u.Domain + port + u.Path + query;
    }
}
