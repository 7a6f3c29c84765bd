using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 9 (issue 12): the incident feed of one worker over 100 customers × 3 kinds against the simulator, small
/// pages. 9a: polls per second in steady state (a few new events per poll; each poll reads 3 kinds and commits).
/// 9b: the cost per delivered event of draining a backlog, per store (time and process-wide allocations; the
/// simulator runs in the same process, so allocations include its share, equal for every store).
/// Functional checks: every backlog event delivered exactly once per store.
/// </summary>
internal static class FeedScenario
{
    private const int Customers = 100;
    private const int PageSize = 10;

    public static async Task RunAsync(Scale scale, Report report, Func<IReadOnlyList<Func<IFeedPipeline>>> pipelines, CancellationToken cancellationToken)
    {
        var backlog = scale.IsSmoke ? 4 : 20;
        var rounds = scale.IsSmoke ? 2 : 5;
        Console.WriteLine($"[9] incident feed: {Customers} customers × 3 kinds, page size {PageSize}; backlog {backlog} records per kind and customer; {rounds} steady rounds");
        var results = new List<(string Name, double PollsPerSecond, double MicrosPerEvent, double BytesPerEvent)>();
        foreach (var create in pipelines())
        {
            results.Add(await RunPipelineAsync(create, backlog, rounds, report, cancellationToken).ConfigureAwait(false));
        }

        var baseline = results[0];
        foreach (var r in results)
        {
            report.Row($"9a. feed polls per second, one worker, {Customers} customers × 3 kinds, page {PageSize} ({r.Name})",
                $"{F(r.PollsPerSecond, "0.0")} polls/s", $"{baseline.Name} {F(baseline.PollsPerSecond, "0.0")}", F(r.PollsPerSecond / baseline.PollsPerSecond, "0.00") + " ×", "-", null);
            report.Row($"9b. feed cost per delivered event, backlog drain ({r.Name})",
                $"{F(r.MicrosPerEvent, "0")} µs, {F(r.BytesPerEvent / 1024, "0.0")} KB", $"{baseline.Name} {F(baseline.MicrosPerEvent, "0")} µs, {F(baseline.BytesPerEvent / 1024, "0.0")} KB",
                F(r.MicrosPerEvent / baseline.MicrosPerEvent, "0.00") + " ×", "-", null);
        }
    }

    private static async Task<(string, double, double, double)> RunPipelineAsync(Func<IFeedPipeline> create, int backlog, int rounds, Report report, CancellationToken cancellationToken)
    {
        var accounts = Enumerable.Range(0, Customers).Select(i => SimulatorAccount.Create($"feed-{i}@example.com", i + 1)).ToArray();
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 0, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Enabled = false;
        foreach (var a in accounts)
        {
            options.Accounts.Add(a);
        }

        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        foreach (var a in accounts)
        {
            for (var i = 0; i < backlog; i++)
            {
                var at = now.AddSeconds(-600 + (i * 7));
                sim.Records<SimulatorUrlLog>().Add(1, at, a.EmailAddress);
                sim.Records<SimulatorAttachmentLog>().Add(1, at, a.EmailAddress);
                sim.Records<SimulatorImpersonationLog>().Add(1, at, a.EmailAddress);
            }
        }

        var services = new ServiceCollection();
        foreach (var a in accounts)
        {
            services.AddMimecastClient(a.EmailAddress, o =>
            {
                o.BaseUrl = sim.BaseUrl;
                o.Api2 = new MimecastApi2Options { ClientId = a.ClientId, ClientSecret = a.ClientSecret };
            });
        }

        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IMimecastClientFactory>();
        await using var pipeline = create();
        var feeds = accounts.Select(a => pipeline.CreateFeed(clients, new MimecastIncidentFeedOptions
        {
            CustomerName = a.EmailAddress,
            PageSize = PageSize,
            MaxEventsPerPoll = 1000,
            InitialLookback = TimeSpan.FromHours(1),
        })).ToArray();

        // 9b: drain the backlog (the first poll of every customer also takes its token: done once, before measuring).
        foreach (var a in accounts)
        {
            await clients.CreateClient(a.EmailAddress).Ttp.GetUrlLogsPageAsync(new Models.TtpUrlLogQuery { PageSize = 1, From = now }, null, cancellationToken).ConfigureAwait(false);
        }

        var expected = Customers * backlog * 3;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var delivered = 0;
        foreach (var feed in feeds)
        {
            for (var i = 0; i < 100; i++)
            {
                var n = await pipeline.RunOnceAsync(feed, cancellationToken).ConfigureAwait(false);
                delivered += n;
                if (n == 0)
                {
                    break;
                }
            }
        }

        var drain = sw.Elapsed;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (delivered != expected)
        {
            report.Fail($"feed ({pipeline.Name}): the backlog drain delivered {delivered} events, expected {expected}");
        }

        // 9a: steady state: between rounds one new record per customer (kind rotating); every customer polled each round.
        var polls = 0;
        sw.Restart();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var a in accounts)
            {
                _ = (round % 3) switch
                {
                    0 => sim.Records<SimulatorUrlLog>().Add(1, null, a.EmailAddress).Count,
                    1 => sim.Records<SimulatorAttachmentLog>().Add(1, null, a.EmailAddress).Count,
                    _ => sim.Records<SimulatorImpersonationLog>().Add(1, null, a.EmailAddress).Count,
                };
            }

            foreach (var feed in feeds)
            {
                await pipeline.RunOnceAsync(feed, cancellationToken).ConfigureAwait(false);
                polls++;
            }
        }

        var pollsPerSecond = polls / sw.Elapsed.TotalSeconds;
        var micros = drain.TotalMicroseconds / Math.Max(1, delivered);
        var perEvent = bytes / (double)Math.Max(1, delivered);
        Console.WriteLine($"  {pipeline.Name}: backlog {delivered:N0} events in {F(drain.TotalMilliseconds, "0")} ms ({F(micros, "0")} µs, {F(perEvent / 1024, "0.0")} KB per event); steady {polls} polls in {F(sw.Elapsed.TotalMilliseconds, "0")} ms ({F(pollsPerSecond, "0.0")} polls/s)");
        return (pipeline.Name, pollsPerSecond, micros, perEvent);
    }
}
