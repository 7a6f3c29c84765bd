using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>The customer account as <c>/api/account/get-account</c> returns it (the fields SOAR platforms read; the rest in <see cref="AdditionalFields"/>).</summary>
public sealed class MimecastAccount
{
    /// <summary>Gets the account's display name.</summary>
    public string? AccountName { get; init; }

    /// <summary>Gets the account code (for example <c>C12345A67</c>).</summary>
    public string? AccountCode { get; init; }

    /// <summary>Gets the Mimecast id of the account.</summary>
    public string? MimecastId { get; init; }

    /// <summary>Gets the account's region (for example <c>eu</c>, <c>us</c>); an open string.</summary>
    public string? Region { get; init; }

    /// <summary>Gets the account type (for example <c>full</c>); an open string.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the number of licensed users.</summary>
    public int? UserCount { get; init; }

    /// <summary>Gets the packages the account has, as Mimecast names them (for example <c>Targeted Threat Protection - URL Protect [1058]</c>).</summary>
    public IReadOnlyList<string>? Packages { get; init; }

    /// <summary>Gets the support code to quote to Mimecast support.</summary>
    public string? SupportCode { get; init; }

    /// <summary>Gets the maximum retention, in days.</summary>
    public int? MaxRetention { get; init; }

    /// <summary>Gets a value indicating whether the account has the archive.</summary>
    public bool? Archive { get; init; }

    /// <summary>Gets a value indicating whether the account has the gateway.</summary>
    public bool? Gateway { get; init; }

    /// <summary>Gets or sets the fields this type does not name, as Mimecast sent them (settable for the serializer).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalFields { get; set; }
}

// Source-generated JSON metadata of the account family (get-account sends an empty data array).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(MimecastDateTimeConverter)])]
[JsonSerializable(typeof(RequestEnvelope<JsonElement>))]
[JsonSerializable(typeof(ResponseEnvelope<MimecastAccount>))]
internal sealed partial class AccountJsonContext : JsonSerializerContext
{
}
