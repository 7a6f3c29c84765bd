using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk;
using Mimecast.Sdk.DependencyInjection;

namespace Mimecast.Cli;

/// <summary>
/// Everything one command invocation needs: the parse result and global options, stdout/stderr/stdin and whether they
/// are terminals, the output writer, the clock, the configuration and the Mimecast client (built on first use from
/// flags, then environment variables, then the profile). Created and disposed by <see cref="CliAction"/>.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly Func<string, string?> _env;
    private ServiceProvider? _services;
    private IMimecastClient? _client;
    private CliConfigFile? _config;

    public CliContext(ParseResult parse, TextWriter output, TextWriter error, TextReader input, bool stdoutIsTerminal, bool stdinIsTerminal,
        TimeProvider time, Func<string, string?> environment)
    {
        Parse = parse;
        Out = output;
        Error = error;
        In = input;
        StdoutIsTerminal = stdoutIsTerminal;
        StdinIsTerminal = stdinIsTerminal;
        Time = time;
        _env = environment;
        Globals = parse.RootCommandResult.Command is MimecastRootCommand root ? root.Globals : new GlobalOptions();
        Config = ConfigStore.For(environment);
        Secrets = new SecretStore(Config);
        UseColor = stdoutIsTerminal && string.IsNullOrEmpty(environment("NO_COLOR")) && !parse.GetValue(Globals.NoColor);
        Debug = parse.GetValue(Globals.Debug);
        MaxWait = parse.GetValue(Globals.MaxWait);
        Output = new OutputWriter(output, OutputFormat.Jsonl, null, UseColor);
    }

    /// <summary>Gets the parse result of this invocation.</summary>
    public ParseResult Parse { get; }

    /// <summary>Gets the global options (read their values with <c>Parse.GetValue(Globals.X)</c>).</summary>
    public GlobalOptions Globals { get; }

    /// <summary>Gets stdout (buffered; <see cref="OutputWriter"/> flushes it as results stream).</summary>
    public TextWriter Out { get; }

    /// <summary>Gets stderr: messages, progress, lag, --debug lines. Never a secret.</summary>
    public TextWriter Error { get; }

    /// <summary>Gets stdin.</summary>
    public TextReader In { get; }

    /// <summary>Gets a value indicating whether stdout is a terminal (table output, colour).</summary>
    public bool StdoutIsTerminal { get; }

    /// <summary>Gets a value indicating whether stdin is a terminal (prompts and confirmations are allowed only then).</summary>
    public bool StdinIsTerminal { get; }

    /// <summary>Gets a value indicating whether colour is wanted: stdout is a terminal, no <c>NO_COLOR</c>, no <c>--no-color</c>.</summary>
    public bool UseColor { get; }

    /// <summary>Gets a value indicating whether <c>--debug</c> was given.</summary>
    public bool Debug { get; }

    /// <summary>Gets the <c>--max-wait</c> quota wait cap.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Gets the output writer (<c>-o</c>, <c>--fields</c>); ready after <see cref="InitializeAsync"/>.</summary>
    public OutputWriter Output { get; private set; }

    /// <summary>Gets the configuration directory and file.</summary>
    public ConfigStore Config { get; }

    /// <summary>Gets the secret store of the profiles.</summary>
    public SecretStore Secrets { get; }

    /// <summary>Reads an environment variable.</summary>
    public string? Env(string name) => _env(name);

    /// <summary>Reads the configuration file once per invocation.</summary>
    public async Task<CliConfigFile> GetConfigAsync(CancellationToken cancellationToken) =>
        _config ??= await Config.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Gets the profile name in effect: <c>--profile</c>, <c>MIMECAST_PROFILE</c>, the current profile, <c>default</c>.</summary>
    public async Task<string> GetProfileNameAsync(CancellationToken cancellationToken)
    {
        string? name = Parse.GetValue(Globals.Profile);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = Env("MIMECAST_PROFILE");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            name = (await GetConfigAsync(cancellationToken).ConfigureAwait(false)).CurrentProfile;
        }

        return string.IsNullOrWhiteSpace(name) ? "default" : name;
    }

    /// <summary>Chooses the output format: <c>-o</c>, then the profile's default, then table on a terminal or jsonl when piped.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        string? format = Parse.GetValue(Globals.Output);
        if (format is null && Config.Directory.Length > 0 && File.Exists(Config.FilePath))
        {
            CliConfigFile config = await GetConfigAsync(cancellationToken).ConfigureAwait(false);
            string profile = await GetProfileNameAsync(cancellationToken).ConfigureAwait(false);
            format = config.Profiles.TryGetValue(profile, out CliProfile? p) ? p.Output : null;
        }

        OutputFormat chosen = format?.ToLowerInvariant() switch
        {
            "table" => OutputFormat.Table,
            "json" => OutputFormat.Json,
            "jsonl" => OutputFormat.Jsonl,
            "tsv" => OutputFormat.Tsv,
            null => StdoutIsTerminal ? OutputFormat.Table : OutputFormat.Jsonl,
            _ => throw CliException.Usage($"Unknown output format '{format}': use table, json, jsonl or tsv."),
        };
        string? fields = Parse.GetValue(Globals.Fields);
        string[]? list = fields?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Output = new OutputWriter(Out, chosen, list, UseColor);
    }

    /// <summary>
    /// Gets the Mimecast client of this invocation, built on first use: base URL from <c>--base-url</c>,
    /// <c>MIMECAST_BASE_URL</c>, then the profile; credentials from environment variables, then the profile.
    /// </summary>
    /// <exception cref="CliException">No usable credentials (exit code 4), or no base URL for API 1.0 (exit code 2).</exception>
    public async Task<IMimecastClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }

        ResolvedCredentials credentials = await ResolveCredentialsAsync(cancellationToken).ConfigureAwait(false);
        _client = CreateClient(credentials.Apply);
        return _client;
    }

    /// <summary>Resolves the base URL and the credentials of this invocation (see <see cref="GetClientAsync"/>).</summary>
    public async Task<ResolvedCredentials> ResolveCredentialsAsync(CancellationToken cancellationToken)
    {
        string profileName = await GetProfileNameAsync(cancellationToken).ConfigureAwait(false);
        CliConfigFile config = await GetConfigAsync(cancellationToken).ConfigureAwait(false);
        config.Profiles.TryGetValue(profileName, out CliProfile? profile);
        bool explicitProfile = !string.IsNullOrWhiteSpace(Parse.GetValue(Globals.Profile)) || !string.IsNullOrWhiteSpace(Env("MIMECAST_PROFILE"));
        if (profile is null && explicitProfile)
        {
            throw CliException.Credentials($"No profile named '{profileName}': run 'mimecast auth login --profile {profileName}'.");
        }

        Uri? baseUrl = Parse.GetValue(Globals.BaseUrl) ?? CliText.Url(Env("MIMECAST_BASE_URL"), "MIMECAST_BASE_URL") ?? CliText.Url(profile?.BaseUrl, "the profile's base URL");
        string? api = Env("MIMECAST_CLIENT_ID") is { Length: > 0 } ? "2.0"
            : Env("MIMECAST_APP_ID") is { Length: > 0 } || Env("MIMECAST_ACCESS_KEY") is { Length: > 0 } ? "1.0"
            : profile?.Api;
        ProfileSecrets? stored = null;
        async Task<string?> SecretAsync(string variable, Func<ProfileSecrets, string?> read)
        {
            if (Env(variable) is { Length: > 0 } value)
            {
                return value;
            }

            if (profile is null)
            {
                return null;
            }

            stored ??= await Secrets.ReadAsync(profileName, profile, cancellationToken).ConfigureAwait(false) ?? new ProfileSecrets();
            return read(stored);
        }

        var resolved = new ResolvedCredentials { ProfileName = profileName, Profile = profile, BaseUrl = baseUrl, Api = api };
        if (api == "2.0")
        {
            resolved.ClientId = Env("MIMECAST_CLIENT_ID") is { Length: > 0 } id ? id : profile?.ClientId;
            resolved.ClientSecret = await SecretAsync("MIMECAST_CLIENT_SECRET", static s => s.ClientSecret).ConfigureAwait(false);
        }
        else if (api == "1.0")
        {
            resolved.AppId = Env("MIMECAST_APP_ID") is { Length: > 0 } id ? id : profile?.AppId;
            resolved.AppKey = await SecretAsync("MIMECAST_APP_KEY", static s => s.AppKey).ConfigureAwait(false);
            resolved.AccessKey = await SecretAsync("MIMECAST_ACCESS_KEY", static s => s.AccessKey).ConfigureAwait(false);
            resolved.SecretKey = await SecretAsync("MIMECAST_SECRET_KEY", static s => s.SecretKey).ConfigureAwait(false);
        }

        resolved.Validate();
        return resolved;
    }

    /// <summary>Builds a client from explicit options (auth login verifies new credentials with it).</summary>
    public IMimecastClient CreateClient(Action<MimecastClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Time);
        if (Debug)
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new StderrLoggerProvider(Error)));
        }

        IHttpClientBuilder api = services.AddMimecastClient(options =>
        {
            configure(options);
            options.RateLimit.MaxWait = MaxWait;
        });
        if (Debug)
        {
            api.AddHttpMessageHandler(() => new DebugHandler(Error, Time));
            services.AddHttpClient(MimecastHttpClientNames.Token).AddHttpMessageHandler(() => new DebugHandler(Error, Time));
        }

        _services?.Dispose();
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IMimecastClient>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The standard streams of the process: stdout buffered (UTF-8, no BOM), stderr and stdin as the console has them.</summary>
    public static TextWriter OpenStdout() =>
        new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
}
