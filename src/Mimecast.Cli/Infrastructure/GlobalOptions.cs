using System.CommandLine;
using System.CommandLine.Parsing;

namespace Mimecast.Cli;

/// <summary>
/// The options every command accepts (recursive on the root command). Read them through <see cref="CliContext"/>
/// (<c>context.Globals</c> / <c>context.Parse.GetValue(context.Globals.Output)</c>).
/// </summary>
internal sealed class GlobalOptions
{
    /// <summary>The output formats of <c>-o</c>.</summary>
    public static readonly string[] OutputFormats = ["table", "json", "jsonl", "tsv"];

    /// <summary>The default of <c>--max-wait</c>.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(60);

    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong(OutputFormats);
    }

    /// <summary><c>--profile NAME</c>: the saved profile to use (default: <c>MIMECAST_PROFILE</c>, then the current profile).</summary>
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "The saved profile to use (default: $MIMECAST_PROFILE, then the current profile)",
        Recursive = true,
        HelpName = "name",
    };

    /// <summary><c>--base-url URL</c>: the API host (any host, the mimecast-simulator included).</summary>
    public Option<Uri?> BaseUrl { get; } = new("--base-url")
    {
        Description = "The API host, e.g. https://eu-api.mimecast.com or the simulator's http://127.0.0.1:PORT (default: $MIMECAST_BASE_URL, then the profile)",
        Recursive = true,
        HelpName = "url",
        CustomParser = static r => ParseUrl(r),
    };

    /// <summary><c>-o|--output table|json|jsonl|tsv</c>.</summary>
    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table, json, jsonl or tsv (default: table on a terminal, jsonl when piped)",
        Recursive = true,
        HelpName = "format",
    };

    /// <summary><c>--fields a,b</c>: the JSON properties or columns to print, in order.</summary>
    public Option<string?> Fields { get; } = new("--fields")
    {
        Description = "Comma-separated fields (top-level JSON properties or columns) to print, in order",
        Recursive = true,
        HelpName = "a,b",
    };

    /// <summary><c>--debug</c>: every request with its Mimecast request id on stderr (never a secret).</summary>
    public Option<bool> Debug { get; } = new("--debug")
    {
        Description = "Print each request (method, path, status, Mimecast request id, time) on stderr; never a secret",
        Recursive = true,
    };

    /// <summary><c>--max-wait DURATION</c>: the longest wait for an exhausted quota before exit code 5.</summary>
    public Option<TimeSpan> MaxWait { get; } = new("--max-wait")
    {
        Description = "Longest time to wait for an exhausted quota before giving up with exit code 5",
        Recursive = true,
        HelpName = "duration",
        DefaultValueFactory = static _ => DefaultMaxWait,
        CustomParser = static r => ParseDuration(r),
    };

    /// <summary><c>--no-color</c>: no colour even on a terminal (as <c>NO_COLOR</c>).</summary>
    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "No colour, even on a terminal (as NO_COLOR)",
        Recursive = true,
    };

    /// <summary>Adds every global option to the root command.</summary>
    public void AddTo(Command root)
    {
        root.Options.Add(Profile);
        root.Options.Add(BaseUrl);
        root.Options.Add(Output);
        root.Options.Add(Fields);
        root.Options.Add(Debug);
        root.Options.Add(MaxWait);
        root.Options.Add(NoColor);
    }

    /// <summary>A <see cref="Option{T}.CustomParser"/> for duration options (<c>60s</c>, <c>5m</c>): a parse error (exit 2) otherwise.</summary>
    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (Durations.TryParseDuration(text, out TimeSpan value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration: use for example 60s, 90m, 24h or 7d.");
        return default;
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (CliText.TryUrl(text, out Uri? uri))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http(s) URL.");
        return null;
    }
}

/// <summary>The root command: holds the <see cref="GlobalOptions"/> so every handler's context can read them.</summary>
internal sealed class MimecastRootCommand : RootCommand
{
    public MimecastRootCommand()
        : base("mimecast: the Mimecast API on the command line (logs, tail, actions, raw API calls). Exit codes: mimecast help exit-codes.")
    {
        Globals.AddTo(this);
    }

    /// <summary>Gets the global options.</summary>
    public GlobalOptions Globals { get; } = new();
}
