using System.CommandLine;

namespace Mimecast.Cli.Commands.Config;

/// <summary>
/// <c>mimecast config list|get|set|path</c>: the non-secret settings of the profile in effect (base URL, default
/// output, the secret command). Secrets are never settings: <c>auth login</c> stores them.
/// </summary>
internal static class ConfigCommands
{
    /// <summary>The settings a user may read and set, with how each is read from and written to a profile.</summary>
    private static readonly (string Key, string Help, Func<CliProfile, string?> Get, Action<CliProfile, string?> Set)[] Settings =
    [
        ("base-url", "API host (region) of the account", static p => p.BaseUrl, static (p, v) => p.BaseUrl = v),
        ("output", "default output format: table, json, jsonl or tsv", static p => p.Output, static (p, v) => p.Output = v),
        ("secret-command", "a command printing the secret (a password manager call)", static p => p.SecretCommand, static (p, v) => p.SecretCommand = v),
        ("api", "API generation: 2.0 or 1.0", static p => p.Api, static (p, v) => p.Api = v),
        ("client-id", "API 2.0 client id", static p => p.ClientId, static (p, v) => p.ClientId = v),
        ("app-id", "API 1.0 application id", static p => p.AppId, static (p, v) => p.AppId = v),
    ];

    private static readonly Column<ConfigSetting>[] Columns = [new("key", static s => s.Key), new("value", static s => s.Value), new("profile", static s => s.Profile)];

    /// <summary>Creates the <c>config</c> command group.</summary>
    public static Command Create()
    {
        string keys = string.Join(", ", Settings.Select(static s => s.Key));
        var list = new Command("list", "List the settings of the profile in effect");
        CliAction.Set(list, static async (context, ct) =>
        {
            (string name, CliProfile profile, _) = await ProfileAsync(context, ct).ConfigureAwait(false);
            var rows = Settings.Select(s => new ConfigSetting(s.Key, s.Get(profile), name)).ToAsyncEnumerable();
            await context.Output.WriteAsync(rows, ConfigJson.Default.ConfigSetting, Columns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var getKey = new Argument<string>("key") { Description = "One of: " + keys };
        var get = new Command("get", "Print one setting of the profile in effect (empty when unset)") { getKey };
        CliAction.Set(get, async (context, ct) =>
        {
            var setting = Find(context.Parse.GetValue(getKey)!);
            (_, CliProfile profile, _) = await ProfileAsync(context, ct).ConfigureAwait(false);
            await context.Out.WriteLineAsync((setting.Get(profile) ?? string.Empty).AsMemory(), ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var setKey = new Argument<string>("key") { Description = "One of: " + keys };
        var setValue = new Argument<string?>("value") { Description = "The value; omit (or empty) to unset", Arity = ArgumentArity.ZeroOrOne };
        var set = new Command("set", "Set (or with no value, unset) a setting of the profile in effect") { setKey, setValue };
        CliAction.Set(set, async (context, ct) =>
        {
            var setting = Find(context.Parse.GetValue(setKey)!);
            string? value = context.Parse.GetValue(setValue) is { Length: > 0 } v ? v : null;
            value = Validate(setting.Key, value);
            (string name, CliProfile profile, CliConfigFile config) = await ProfileAsync(context, ct).ConfigureAwait(false);
            setting.Set(profile, value);
            if (setting.Key == "secret-command" && value is null && profile.SecretStorage == SecretStore.None)
            {
                profile.SecretStorage = null;
            }

            config.Profiles[name] = profile;
            config.CurrentProfile ??= name;
            await context.Config.WriteAsync(config, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var path = new Command("path", "Print where the configuration lives ($MIMECAST_CONFIG_DIR or the per-user config folder)");
        CliAction.Set(path, static async (context, ct) =>
        {
            if (context.Output.Format is OutputFormat.Json or OutputFormat.Jsonl && context.Parse.GetValue(context.Globals.Output) is not null)
            {
                await context.Output.WriteOneAsync(new ConfigPaths(context.Config.Directory, context.Config.FilePath), ConfigJson.Default.ConfigPaths, [], ct).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(context.Config.FilePath.AsMemory(), ct).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });

        return new Command("config", "Non-secret settings of a profile: base URL, default output, secret command") { list, get, set, path };
    }

    private static (string Key, string Help, Func<CliProfile, string?> Get, Action<CliProfile, string?> Set) Find(string key) =>
        Settings.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found
            ? found
            : throw CliException.Usage($"Unknown setting '{key}'. Settings: {string.Join(", ", Settings.Select(static s => s.Key))}.");

    private static string? Validate(string key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return key switch
        {
            "base-url" when !CliText.TryUrl(value, out _)
                => throw CliException.Usage($"'{value}' is not an http(s) URL."),
            "base-url" => value.TrimEnd('/'),
            "output" when !GlobalOptions.OutputFormats.Contains(value.ToLowerInvariant()) => throw CliException.Usage($"'{value}' is not an output format: table, json, jsonl or tsv."),
            "output" => value.ToLowerInvariant(),
            "api" when value is not ("2.0" or "1.0") => throw CliException.Usage("api is 2.0 or 1.0."),
            _ => value,
        };
    }

    private static async Task<(string Name, CliProfile Profile, CliConfigFile Config)> ProfileAsync(CliContext context, CancellationToken ct)
    {
        CliConfigFile config = await context.GetConfigAsync(ct).ConfigureAwait(false);
        string name = await context.GetProfileNameAsync(ct).ConfigureAwait(false);
        return (name, config.Profiles.TryGetValue(name, out CliProfile? p) ? p : new CliProfile(), config);
    }
}
