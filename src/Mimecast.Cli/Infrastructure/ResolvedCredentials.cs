using Mimecast.Sdk;

namespace Mimecast.Cli;

/// <summary>The base URL and credentials one invocation uses. Secrets stay in here; <see cref="ToString"/> masks them.</summary>
internal sealed class ResolvedCredentials
{
    public required string ProfileName { get; init; }

    public CliProfile? Profile { get; init; }

    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the API generation (<c>2.0</c> or <c>1.0</c>), or null when nothing is configured.</summary>
    public string? Api { get; init; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? AppId { get; set; }

    public string? AppKey { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Where the credentials came from, for <c>auth status</c>.</summary>
    public override string ToString() => $"{ProfileName} (API {Api ?? "none"}, {BaseUrl?.ToString() ?? "default host"})";

    /// <summary>Fails with exit code 4 (missing credentials) or 2 (no host for API 1.0) when the client cannot be built.</summary>
    public void Validate()
    {
        const string Help = "Run 'mimecast auth login', or set MIMECAST_CLIENT_ID and MIMECAST_CLIENT_SECRET (API 2.0) or MIMECAST_APP_ID, " +
            "MIMECAST_APP_KEY, MIMECAST_ACCESS_KEY and MIMECAST_SECRET_KEY (API 1.0).";
        switch (Api)
        {
            case "2.0":
                if (string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(ClientSecret))
                {
                    throw CliException.Credentials($"API 2.0 credentials are incomplete: {(string.IsNullOrEmpty(ClientId) ? "no client id" : "no client secret")}. {Help}");
                }

                break;
            case "1.0":
                string? missing = string.IsNullOrEmpty(AppId) ? "application id" : string.IsNullOrEmpty(AppKey) ? "application key"
                    : string.IsNullOrEmpty(AccessKey) ? "access key" : string.IsNullOrEmpty(SecretKey) ? "secret key" : null;
                if (missing is not null)
                {
                    throw CliException.Credentials($"API 1.0 credentials are incomplete: no {missing}. {Help}");
                }

                if (BaseUrl is null)
                {
                    throw CliException.Usage("API 1.0 needs the account's regional host: --base-url, MIMECAST_BASE_URL or 'mimecast config set base-url'.");
                }

                break;
            default:
                throw CliException.Credentials($"No Mimecast credentials for profile '{ProfileName}'. {Help}");
        }
    }

    /// <summary>Sets the SDK options from these credentials.</summary>
    public void Apply(MimecastClientOptions options)
    {
        options.BaseUrl = BaseUrl;
        if (Api == "2.0")
        {
            options.Api2 = new MimecastApi2Options { ClientId = ClientId, ClientSecret = ClientSecret };
        }
        else
        {
            options.Api1 = new MimecastApi1Options { AppId = AppId, AppKey = AppKey, AccessKey = AccessKey, SecretKey = SecretKey };
        }
    }
}
