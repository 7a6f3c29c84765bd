using System.CommandLine;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Auth;

/// <summary><c>mimecast auth login|status|logout|switch</c>: profiles and their credentials.</summary>
internal static class AuthCommands
{
    private static readonly Column<AuthStatusRow>[] StatusColumns =
    [
        new("profile", static r => r.Current ? "* " + r.Profile : "  " + r.Profile),
        new("api", static r => r.Api),
        new("baseUrl", static r => r.BaseUrl),
        new("id", static r => r.Id),
        new("secret", static r => r.Secret),
        new("status", static r => r.Status),
        new("account", static r => r.Account),
    ];

    /// <summary>Creates the <c>auth</c> command group.</summary>
    public static Command Create() => new("auth", "Log in, show the status of, switch between and log out of profiles")
    {
        AuthLogin.Create(),
        CreateStatus(),
        CreateLogout(),
        CreateSwitch(),
    };

    private static Command CreateStatus()
    {
        var command = new Command("status", "Show the profiles and check the credentials in effect with a cheap call (never prints a secret)");
        CliAction.Set(command, static async (context, ct) =>
        {
            CliConfigFile config = await context.GetConfigAsync(ct).ConfigureAwait(false);
            string current = await context.GetProfileNameAsync(ct).ConfigureAwait(false);
            var rows = new List<AuthStatusRow>();
            foreach ((string name, CliProfile p) in config.Profiles.OrderBy(static kv => kv.Key, StringComparer.Ordinal))
            {
                if (name != current)
                {
                    rows.Add(Row(name, p, false, "not checked", null));
                }
            }

            int exit = ExitCodes.Success;
            AuthStatusRow inEffect;
            try
            {
                ResolvedCredentials credentials = await context.ResolveCredentialsAsync(ct).ConfigureAwait(false);
                IMimecastClient client = context.CreateClient(credentials.Apply);
                string status = "valid";
                string? account = null;
                try
                {
                    MimecastAccount a = await client.Account.GetAsync(ct).ConfigureAwait(false);
                    account = a.AccountName ?? a.AccountCode;
                }
                catch (MimecastAuthenticationException)
                {
                    status = "refused";
                    exit = ExitCodes.Credentials;
                }

                inEffect = Row(current, credentials.Profile, true, status, account) with
                {
                    Api = credentials.Api,
                    BaseUrl = credentials.BaseUrl?.ToString().TrimEnd('/') ?? "(API 2.0 global)",
                    Id = credentials.Api == "2.0" ? credentials.ClientId : credentials.AppId,
                    Secret = SecretSource(context, credentials),
                };
            }
            catch (CliException ex) when (ex.ExitCode == ExitCodes.Credentials)
            {
                config.Profiles.TryGetValue(current, out CliProfile? p);
                inEffect = Row(current, p, true, "missing", null);
                await context.Error.WriteLineAsync(("error: " + ex.Message).AsMemory(), ct).ConfigureAwait(false);
                exit = ExitCodes.Credentials;
            }

            rows.Insert(0, inEffect);
            await context.Output.WriteAsync(rows.ToAsyncEnumerable(), AuthJson.Default.AuthStatusRow, StatusColumns, ct).ConfigureAwait(false);
            return exit;
        });
        return command;
    }

    private static Command CreateLogout()
    {
        var command = new Command("logout", "Forget a profile and delete its stored secrets (the profile in effect unless --profile)");
        CliAction.Set(command, static async (context, ct) =>
        {
            CliConfigFile config = await context.GetConfigAsync(ct).ConfigureAwait(false);
            string name = await context.GetProfileNameAsync(ct).ConfigureAwait(false);
            if (!config.Profiles.Remove(name))
            {
                throw CliException.Usage($"No profile named '{name}'.");
            }

            context.Secrets.Delete(name);
            if (config.CurrentProfile == name)
            {
                config.CurrentProfile = config.Profiles.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
            }

            await context.Config.WriteAsync(config, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Logged out of profile '{name}'; its stored secrets are deleted.".AsMemory(), ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSwitch()
    {
        var name = new Argument<string>("name") { Description = "The profile to make current" };
        var command = new Command("switch", "Make another saved profile the current one") { name };
        CliAction.Set(command, async (context, ct) =>
        {
            string profile = context.Parse.GetValue(name)!;
            CliConfigFile config = await context.GetConfigAsync(ct).ConfigureAwait(false);
            if (!config.Profiles.ContainsKey(profile))
            {
                throw CliException.Usage($"No profile named '{profile}'. Profiles: {(config.Profiles.Count == 0 ? "none (run 'mimecast auth login')" : string.Join(", ", config.Profiles.Keys))}.");
            }

            config.CurrentProfile = profile;
            await context.Config.WriteAsync(config, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Switched to profile '{profile}'.".AsMemory(), ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static AuthStatusRow Row(string name, CliProfile? p, bool current, string status, string? account) => new()
    {
        Profile = name,
        Current = current,
        Api = p?.Api,
        BaseUrl = p?.BaseUrl,
        Id = p?.Api == "1.0" ? p.AppId : p?.ClientId,
        Secret = p is null ? null : !string.IsNullOrWhiteSpace(p.SecretCommand) ? "secret-command" : p.SecretStorage,
        Status = status,
        Account = account,
    };

    private static string SecretSource(CliContext context, ResolvedCredentials credentials)
    {
        string variable = credentials.Api == "2.0" ? "MIMECAST_CLIENT_SECRET" : "MIMECAST_SECRET_KEY";
        if (context.Env(variable) is { Length: > 0 })
        {
            return "environment";
        }

        CliProfile? p = credentials.Profile;
        return p is null ? "none" : !string.IsNullOrWhiteSpace(p.SecretCommand) ? "secret-command" : p.SecretStorage ?? "none";
    }
}
