using System.Text.Json.Serialization;

namespace Mimecast.Cli.Commands.Auth;

/// <summary>One profile as <c>auth status</c> shows it: where and how it connects, never a secret.</summary>
internal sealed record AuthStatusRow
{
    public required string Profile { get; init; }

    public bool Current { get; init; }

    public string? Api { get; init; }

    public string? BaseUrl { get; init; }

    /// <summary>The API 2.0 client id or API 1.0 application id (identifiers, not secrets).</summary>
    public string? Id { get; init; }

    /// <summary>Where the secret lives: keyring, file, secret-command, environment or none.</summary>
    public string? Secret { get; init; }

    /// <summary>For the profile in effect: valid, refused, missing, or not checked.</summary>
    public string? Status { get; init; }

    /// <summary>The account the credentials belong to, when checked.</summary>
    public string? Account { get; init; }
}

/// <summary>JSON of the auth group.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthStatusRow))]
internal sealed partial class AuthJson : JsonSerializerContext;
