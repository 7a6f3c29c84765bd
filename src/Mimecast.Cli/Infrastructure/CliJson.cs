using System.Text.Json.Serialization;

namespace Mimecast.Cli;

/// <summary>The CLI's own files: the configuration with its profiles, and a profile's secrets (only ever in a secret store).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliConfigFile))]
[JsonSerializable(typeof(ProfileSecrets))]
internal sealed partial class CliJson : JsonSerializerContext;

/// <summary>The configuration file (<c>$MIMECAST_CONFIG_DIR/config.json</c>): profiles and settings, never a secret.</summary>
internal sealed class CliConfigFile
{
    /// <summary>Gets or sets the profile used when neither <c>--profile</c> nor <c>MIMECAST_PROFILE</c> names one.</summary>
    public string? CurrentProfile { get; set; }

    /// <summary>Gets or sets the profiles by name.</summary>
    public Dictionary<string, CliProfile> Profiles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One saved profile: where and how to connect. Secrets live in the OS store, a 0600 file or a secret command.</summary>
internal sealed class CliProfile
{
    /// <summary>Gets or sets the API host (region) of the account.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Gets or sets the API generation: <c>2.0</c> (OAuth2 client credentials) or <c>1.0</c> (HMAC keys).</summary>
    public string? Api { get; set; }

    /// <summary>Gets or sets the API 2.0 client id (not a secret).</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the API 1.0 application id (not a secret).</summary>
    public string? AppId { get; set; }

    /// <summary>Gets or sets the email address the API 1.0 keys were created for, if known.</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the default output format for this profile.</summary>
    public string? Output { get; set; }

    /// <summary>Gets or sets a command whose stdout is the secret (a password manager call); run with the shell.</summary>
    public string? SecretCommand { get; set; }

    /// <summary>Gets or sets where the secrets are: <c>keyring</c> (the OS store), <c>file</c> (0600, --insecure-storage) or <c>none</c>.</summary>
    public string? SecretStorage { get; set; }
}

/// <summary>A profile's secrets. Never written to the configuration file, never printed.</summary>
internal sealed class ProfileSecrets
{
    /// <summary>Gets or sets the API 2.0 client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the API 1.0 application key.</summary>
    public string? AppKey { get; set; }

    /// <summary>Gets or sets the API 1.0 access key.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Gets or sets the API 1.0 secret key.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Returns a description without any secret.</summary>
    public override string ToString() => "ProfileSecrets(***)";
}
