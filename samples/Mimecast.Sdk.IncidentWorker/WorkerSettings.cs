using System.Globalization;
using Microsoft.Extensions.Configuration;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.IncidentWorker;

/// <summary>The worker's settings: the feed options, the parallelism, the checkpoint folder and the poll bound.</summary>
internal sealed class WorkerSettings
{
    public MimecastIncidentFeedOptions Feed { get; } = new() { PollInterval = TimeSpan.FromSeconds(10) };

    public int MaxDegreeOfParallelism { get; private set; } = 4;

    public string CheckpointDirectory { get; private set; } = "checkpoints";

    /// <summary>Stop after this many rounds (<c>--max-polls N</c>); null runs until Ctrl+C.</summary>
    public int? MaxPolls { get; private set; }

    public IReadOnlyList<string> Customers { get; set; } = [string.Empty];

    public static WorkerSettings Read(IConfiguration configuration)
    {
        var settings = new WorkerSettings();
        var feed = configuration.GetSection("Feed");
        if (feed["Kinds"] is { } kinds)
        {
            settings.Feed.Kinds = Enum.Parse<TtpEventKinds>(kinds, ignoreCase: true);
        }

        // "SiemEventTypes": "receipt, delivery" (or a JSON array): one SIEM stream kind and cursor checkpoint each.
        var siemTypes = feed.GetSection("SiemEventTypes");
        var siemList = siemTypes.Value is { } csv
            ? csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : siemTypes.GetChildren().Select(static c => c.Value).OfType<string>().Where(static v => v.Trim().Length > 0).ToArray();
        settings.Feed.SiemEventTypes = [.. siemList.Select(static t => new SiemEventType(t.Trim()))];
        settings.Feed.IncludeAuditEvents = Get(feed, "IncludeAuditEvents", settings.Feed.IncludeAuditEvents, static (text, _) => bool.Parse(text));

        settings.Feed.InitialLookback = Get(feed, "InitialLookback", settings.Feed.InitialLookback, TimeSpan.Parse);
        settings.Feed.PollInterval = Get(feed, "PollInterval", settings.Feed.PollInterval, TimeSpan.Parse);
        settings.Feed.MaxEventsPerPoll = Get(feed, "MaxEventsPerPoll", settings.Feed.MaxEventsPerPoll, int.Parse);
        settings.Feed.PageSize = Get(feed, "PageSize", settings.Feed.PageSize, int.Parse);
        settings.MaxDegreeOfParallelism = Get(feed, "MaxDegreeOfParallelism", settings.MaxDegreeOfParallelism, int.Parse);
        settings.CheckpointDirectory = feed["CheckpointDirectory"] ?? settings.CheckpointDirectory;

        // The command line provider maps "--max-polls 3" to the key "max-polls".
        if (configuration["max-polls"] is { } maxPolls)
        {
            settings.MaxPolls = int.Parse(maxPolls, CultureInfo.InvariantCulture);
            if (settings.MaxPolls < 1)
            {
                throw new ArgumentException("--max-polls must be at least 1.");
            }
        }

        return settings;
    }

    private static T Get<T>(IConfiguration section, string key, T fallback, Func<string, IFormatProvider, T> parse) =>
        section[key] is { } text ? parse(text, CultureInfo.InvariantCulture) : fallback;
}
