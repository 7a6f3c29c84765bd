using System.CommandLine;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Auth;

/// <summary>
/// <c>mimecast auth login</c>: saves a profile after a cheap call (<c>get-account</c>) proved its credentials. Secrets
/// come from the environment, stdin (<c>--with-secret-stdin</c>, one per line), a terminal prompt, or a user's
/// <c>--secret-command</c>; never from arguments. They are stored in the OS store, or a 0600 file only with
/// <c>--insecure-storage</c>; a secret command's secret is not stored at all.
/// </summary>
internal static class AuthLogin
{
    /// <summary>Creates the <c>auth login</c> command.</summary>
    public static Command Create()
    {
        var api = new Option<string?>("--api") { Description = "API generation: 2.0 (client id and secret, the default) or 1.0 (application and access keys)", HelpName = "2.0|1.0" };
        api.AcceptOnlyFromAmong("2.0", "1.0", "2", "1");
        var clientId = new Option<string?>("--client-id") { Description = "API 2.0 client id (default: $MIMECAST_CLIENT_ID)", HelpName = "id" };
        var appId = new Option<string?>("--app-id") { Description = "API 1.0 application id (default: $MIMECAST_APP_ID)", HelpName = "id" };
        var email = new Option<string?>("--email")
        {
            Description = "Create API 1.0 keys by logging this user in (password from stdin or a prompt; needs --app-id and the application key)",
            HelpName = "address",
        };
        var domain = new Option<bool>("--domain-password") { Description = "With --email: the password is the domain (AD) password, not the cloud password" };
        var fromStdin = new Option<bool>("--with-secret-stdin")
        {
            Description = "Read the secrets from stdin, one per line: the client secret (2.0); the application key, access key and secret key (1.0); the password, then the application key (--email)",
        };
        var insecure = new Option<bool>("--insecure-storage") { Description = "Where no OS secret store works, keep the secrets in a file readable only by you" };
        var secretCommand = new Option<string?>("--secret-command")
        {
            Description = "A command that prints the secret (a password manager call); the secret is then never stored. For 1.0 it prints JSON {\"appKey\",\"accessKey\",\"secretKey\"}",
            HelpName = "command",
        };
        var command = new Command("login", "Save a profile: API 2.0 client credentials, API 1.0 keys, or new API 1.0 keys from an email and password")
        {
            api, clientId, appId, email, domain, fromStdin, insecure, secretCommand,
        };
        CliAction.Set(command, async (context, ct) =>
        {
            string name = await context.GetProfileNameAsync(ct).ConfigureAwait(false);
            CliConfigFile config = await context.GetConfigAsync(ct).ConfigureAwait(false);
            config.Profiles.TryGetValue(name, out CliProfile? existing);
            Uri? baseUrl = context.Parse.GetValue(context.Globals.BaseUrl)
                ?? CliText.Url(context.Env("MIMECAST_BASE_URL"), "MIMECAST_BASE_URL")
                ?? CliText.Url(existing?.BaseUrl, "the profile's base URL");
            string? emailAddress = context.Parse.GetValue(email);
            string generation = Normalize(context.Parse.GetValue(api))
                ?? (emailAddress is not null || context.Parse.GetValue(appId) is not null || context.Env("MIMECAST_APP_ID") is { Length: > 0 } ? "1.0" : "2.0");
            string? command = context.Parse.GetValue(secretCommand);
            var input = new SecretInput(context, context.Parse.GetValue(fromStdin));
            var profile = new CliProfile { Api = generation, BaseUrl = baseUrl?.ToString().TrimEnd('/'), Output = existing?.Output, SecretCommand = command };
            ProfileSecrets secrets = command is not null
                ? await context.Secrets.ReadAsync(name, profile, ct).ConfigureAwait(false) ?? new ProfileSecrets()
                : new ProfileSecrets();

            var credentials = new ResolvedCredentials { ProfileName = name, Profile = profile, BaseUrl = baseUrl, Api = generation };
            if (generation == "2.0")
            {
                profile.ClientId = credentials.ClientId = context.Parse.GetValue(clientId) ?? NonEmpty(context.Env("MIMECAST_CLIENT_ID"))
                    ?? SecretInput.Ask(context, "Client id") ?? throw CliException.Usage("API 2.0 needs a client id: --client-id or MIMECAST_CLIENT_ID.");
                credentials.ClientSecret = secrets.ClientSecret ??= await input.GetAsync("client secret", "MIMECAST_CLIENT_SECRET", ct).ConfigureAwait(false);
            }
            else
            {
                profile.AppId = credentials.AppId = context.Parse.GetValue(appId) ?? NonEmpty(context.Env("MIMECAST_APP_ID"))
                    ?? SecretInput.Ask(context, "Application id") ?? throw CliException.Usage("API 1.0 needs an application id: --app-id or MIMECAST_APP_ID.");
                if (emailAddress is not null)
                {
                    string password = await input.GetAsync("password", null, ct).ConfigureAwait(false);
                    secrets.AppKey ??= await input.GetAsync("application key", "MIMECAST_APP_KEY", ct).ConfigureAwait(false);
                    (MimecastAccessKey keys, Uri host) = await CreateKeysAsync(context, credentials.AppId, secrets.AppKey, baseUrl, emailAddress, password,
                        context.Parse.GetValue(domain), ct).ConfigureAwait(false);
                    secrets.AccessKey = keys.AccessKey;
                    secrets.SecretKey = keys.SecretKey;
                    profile.Email = emailAddress;
                    profile.BaseUrl = host.ToString().TrimEnd('/');
                    credentials = new ResolvedCredentials { ProfileName = name, Profile = profile, BaseUrl = host, Api = generation, AppId = credentials.AppId };
                }
                else
                {
                    secrets.AppKey ??= await input.GetAsync("application key", "MIMECAST_APP_KEY", ct).ConfigureAwait(false);
                    secrets.AccessKey ??= await input.GetAsync("access key", "MIMECAST_ACCESS_KEY", ct).ConfigureAwait(false);
                    secrets.SecretKey ??= await input.GetAsync("secret key", "MIMECAST_SECRET_KEY", ct).ConfigureAwait(false);
                }

                credentials.AppKey = secrets.AppKey;
                credentials.AccessKey = secrets.AccessKey;
                credentials.SecretKey = secrets.SecretKey;
            }

            credentials.Validate();
            IMimecastClient client = context.CreateClient(credentials.Apply);
            MimecastAccount account = await client.Account.GetAsync(ct).ConfigureAwait(false);

            string storage;
            if (command is not null && emailAddress is null)
            {
                profile.SecretStorage = SecretStore.None;
                storage = "not stored (the secret command prints it when needed)";
            }
            else
            {
                profile.SecretCommand = null;
                await context.Secrets.SaveAsync(name, profile, secrets, context.Parse.GetValue(insecure), ct).ConfigureAwait(false);
                storage = profile.SecretStorage == SecretStore.Keyring ? "in the OS secret store" : "in a file readable only by you (--insecure-storage)";
            }

            config.Profiles[name] = profile;
            config.CurrentProfile = name;
            await context.Config.WriteAsync(config, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync(
                $"Logged in to {account.AccountName ?? account.AccountCode ?? "the account"} with API {generation} as profile '{name}' (now current); secret {storage}.".AsMemory(), ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<(MimecastAccessKey Keys, Uri Host)> CreateKeysAsync(CliContext context, string appId, string appKey, Uri? baseUrl, string email, string password,
        bool domainPassword, CancellationToken ct)
    {
        IMimecastClient login = context.CreateClient(o =>
        {
            o.BaseUrl = baseUrl;
            o.DiscoveryUrl = baseUrl;
            o.Api1 = new MimecastApi1Options { AppId = appId, AppKey = appKey, BaseUrl = baseUrl };
        });
        Uri host = baseUrl ?? (await login.Login.DiscoverAuthenticationAsync(email, ct).ConfigureAwait(false)).RegionalBaseUrl
            ?? throw new CliException(ExitCodes.ApiFailure, $"Mimecast named no regional host for {email}; pass --base-url.");
        var user = new MimecastUserCredentials(email, password, domainPassword ? MimecastAuthType.Domain : MimecastAuthType.Cloud);
        MimecastAccessKey keys = await login.Login.LoginAsync(user, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(keys.AccessKey) || string.IsNullOrEmpty(keys.SecretKey))
        {
            throw new CliException(ExitCodes.ApiFailure, "Mimecast answered the login without keys.");
        }

        return (keys, host);
    }

    private static string? Normalize(string? api) => api switch
    {
        "2" or "2.0" => "2.0",
        "1" or "1.0" => "1.0",
        _ => null,
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
