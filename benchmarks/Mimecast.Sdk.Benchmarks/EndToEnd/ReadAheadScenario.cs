using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 10: read-ahead of paged streams. The embedded simulator answers every TTP page 50 ms late (its seeded latency
/// fault at rate 1), and the consumer spends 50 ms on each page (<see cref="Task.Delay(TimeSpan, CancellationToken)"/>).
/// The same drain with <see cref="MimecastPagingOptions.ReadAhead"/> off (the sequential loop: fetch, then work) and
/// on (page N+1 on its way while the consumer works on page N). Bar: read-ahead ≤ 0.6 × the sequential wall time.
/// Functional check: both drains see every record exactly once.
/// </summary>
internal static class ReadAheadScenario
{
    private const int PageSize = 100;
    private static readonly TimeSpan PageLatency = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ConsumerWork = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        var pages = scale.IsSmoke ? 8 : 40;
        Console.WriteLine($"[10] read-ahead: {pages} pages of {PageSize}, simulator latency {PageLatency.TotalMilliseconds} ms per page, consumer {ConsumerWork.TotalMilliseconds} ms per page");
        var options = new MimecastSimulatorOptions { InitialUrlLogs = pages * PageSize, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Enabled = false;
        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        sim.Faults.LatencyDuration = PageLatency;
        sim.Faults.LatencyRate = 1.0;

        // A first pass of each warms the JIT of the client and the simulator; it is not counted.
        await DrainAsync(sim.BaseUrl, readAhead: false, pages * PageSize, report, cancellationToken).ConfigureAwait(false);
        await DrainAsync(sim.BaseUrl, readAhead: true, pages * PageSize, report, cancellationToken).ConfigureAwait(false);
        var sequential = await DrainAsync(sim.BaseUrl, readAhead: false, pages * PageSize, report, cancellationToken).ConfigureAwait(false);
        var ahead = await DrainAsync(sim.BaseUrl, readAhead: true, pages * PageSize, report, cancellationToken).ConfigureAwait(false);
        var ratio = ahead / sequential;
        Console.WriteLine($"  sequential {sequential:0} ms, read-ahead {ahead:0} ms");
        report.Row($"10. read-ahead: drain {pages} TTP pages, 50 ms server latency + 50 ms consumer work per page (read-ahead vs sequential)",
            $"{F(ahead, "0")} ms", $"{F(sequential, "0")} ms", F(ratio, "0.00") + " ×", "≤ 0.6 ×", ratio <= 0.6);
    }

    private static async Task<double> DrainAsync(Uri baseUrl, bool readAhead, int expected, Report report, CancellationToken cancellationToken)
    {
        using var services = Sdk.Api1(baseUrl, o => o.Paging.ReadAhead = readAhead);
        var client = services.GetRequiredService<IMimecastClient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sw = Stopwatch.StartNew();
        await foreach (var page in client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { PageSize = PageSize }, cancellationToken).AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var log in page.Items)
            {
                if (!seen.Add($"{log.Date:O}|{log.MessageId}|{log.Url}"))
                {
                    report.Fail($"read-ahead {(readAhead ? "on" : "off")}: a record was served twice ({log.MessageId})");
                }
            }

            await Task.Delay(ConsumerWork, cancellationToken).ConfigureAwait(false);
        }

        sw.Stop();
        if (seen.Count != expected)
        {
            report.Fail($"read-ahead {(readAhead ? "on" : "off")}: {seen.Count} records drained, {expected} expected");
        }

        return sw.Elapsed.TotalMilliseconds;
    }
}
