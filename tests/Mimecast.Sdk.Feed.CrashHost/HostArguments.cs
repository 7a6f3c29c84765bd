using System.Globalization;

namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>One customer of the host: its name (the checkpoint key) and its API 2.0 credentials on the simulator.</summary>
internal sealed record HostCustomer(string Name, string ClientId, string ClientSecret);

/// <summary>
/// The command line:
/// <c>--url URL --customer NAME,CLIENT_ID,CLIENT_SECRET [--customer …] --store file|postgres
/// [--checkpoints DIR --sink FILE] [--postgres CONNECTION_STRING] [--mode run|until-idle] [--lookback-minutes N]
/// [--page-size N] [--max-events N] [--interval-ms N] [--max-rounds N]</c>.
/// </summary>
internal sealed class HostArguments
{
    public required Uri Url { get; init; }

    public required IReadOnlyList<HostCustomer> Customers { get; init; }

    public required string Store { get; init; }

    public string? CheckpointDirectory { get; init; }

    public string? SinkFile { get; init; }

    public string? Postgres { get; init; }

    public bool UntilIdle { get; init; }

    public TimeSpan Lookback { get; init; } = TimeSpan.FromMinutes(60);

    public int PageSize { get; init; } = 7;

    public int MaxEvents { get; init; } = 25;

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(10);

    public int MaxRounds { get; init; } = 100_000;

    public static HostArguments Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs; got '{args[i]}'.");
            }

            var name = args[i][2..];
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(args[++i]);
        }

        string? One(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;
        string Required(string name) => One(name) ?? throw new ArgumentException($"--{name} is required.");
        int Int(string name, int fallback) => One(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

        var customers = (values.TryGetValue("customer", out var c) ? c : []).Select(s =>
        {
            var parts = s.Split(',');
            return parts.Length == 3
                ? new HostCustomer(parts[0], parts[1], parts[2])
                : throw new ArgumentException("--customer takes NAME,CLIENT_ID,CLIENT_SECRET.");
        }).ToArray();
        if (customers.Length == 0)
        {
            throw new ArgumentException("At least one --customer is required.");
        }

        var mode = One("mode") ?? "run";
        return new HostArguments
        {
            Url = new Uri(Required("url")),
            Customers = customers,
            Store = Required("store"),
            CheckpointDirectory = One("checkpoints"),
            SinkFile = One("sink"),
            Postgres = One("postgres"),
            UntilIdle = mode switch
            {
                "run" => false,
                "until-idle" => true,
                _ => throw new ArgumentException("--mode is run or until-idle."),
            },
            Lookback = TimeSpan.FromMinutes(Int("lookback-minutes", 60)),
            PageSize = Int("page-size", 7),
            MaxEvents = Int("max-events", 25),
            Interval = TimeSpan.FromMilliseconds(Int("interval-ms", 10)),
            MaxRounds = Int("max-rounds", 100_000),
        };
    }
}
