using System.CommandLine;

namespace Mimecast.Cli.Commands.Logs;

/// <summary><c>--since</c> and <c>--until</c> of a bounded pull: a duration back from now (<c>24h</c>) or an ISO-8601 instant.</summary>
internal sealed class TimeRangeOptions
{
    private TimeRangeOptions(string defaultSince)
    {
        Since = new Option<string>("--since")
        {
            Description = "Start of the period: a duration back from now (90m, 24h, 7d) or an ISO-8601 instant (2026-12-05T00:00:00Z).",
            DefaultValueFactory = _ => defaultSince,
        };
        Until = new Option<string>("--until")
        {
            Description = "End of the period: now, a duration back from now, or an ISO-8601 instant.",
            DefaultValueFactory = _ => "now",
        };
    }

    public Option<string> Since { get; }

    public Option<string> Until { get; }

    /// <summary>Creates the pair and adds it to <paramref name="command"/>.</summary>
    public static TimeRangeOptions AddTo(Command command, string defaultSince = "24h")
    {
        var options = new TimeRangeOptions(defaultSince);
        command.Options.Add(options.Since);
        command.Options.Add(options.Until);
        return options;
    }

    /// <summary>The period, from the clock of <paramref name="context"/>; a usage error when it is empty or reversed.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Resolve(CliContext context)
    {
        var now = context.Time.GetUtcNow();
        var from = Durations.ParseInstant(context.Parse.GetValue(Since) ?? "24h", now);
        var to = Durations.ParseInstant(context.Parse.GetValue(Until) ?? "now", now);
        if (to <= from)
        {
            throw CliException.Usage($"--until ({to:u}) must be after --since ({from:u}).");
        }

        return (from, to);
    }
}
