using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 8 (for users who test against the simulator): the cost of one 500-record page as the simulator's store grows.
/// The same SDK client reads the same number of consecutive pages, newest first, from a small and from a large store;
/// a page should cost the same whatever the store holds. Functional check: no record is served twice across pages.
/// </summary>
internal static class SimulatorPagingScenario
{
    private const int PageSize = 500;
    private const int Pages = 40;
    private const int WarmupPages = 5;

    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        var sizes = scale.SimulatorStores;
        Console.WriteLine($"[8] simulator page cost: {Pages} consecutive pages of {PageSize} from stores of {string.Join(" and ", sizes.Select(n => F(n, "N0")))} records");
        // A first pass on the small store warms the JIT of the client and the simulator; it is not counted.
        await MeasureAsync(sizes[0], report, cancellationToken).ConfigureAwait(false);
        var medians = new double[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            medians[i] = await MeasureAsync(sizes[i], report, cancellationToken).ConfigureAwait(false);
        }

        var ratio = medians[^1] / medians[0];
        report.Row($"8. simulator: one {PageSize}-record page, {sizes[^1]:N0} vs {sizes[0]:N0} records in the store (median of {Pages - WarmupPages})",
            $"{F(medians[^1], "0.00")} ms", $"{F(medians[0], "0.00")} ms", F(ratio, "0.00") + " ×", "flat (≤ 1.5 ×)", ratio <= 1.5);
    }

    private static async Task<double> MeasureAsync(int records, Report report, CancellationToken cancellationToken)
    {
        var options = new MimecastSimulatorOptions { InitialUrlLogs = records, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Enabled = false;
        var seeding = Stopwatch.StartNew();
        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"  store of {records:N0} records seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        using var services = Sdk.Api1(sim.BaseUrl);
        var client = services.GetRequiredService<IMimecastClient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var times = new List<double>(Pages);
        string? token = null;
        for (var page = 0; page < Pages; page++)
        {
            var sw = Stopwatch.StartNew();
            var result = await client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = PageSize }, token, cancellationToken).ConfigureAwait(false);
            sw.Stop();
            if (page >= WarmupPages)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            foreach (var log in result.Items)
            {
                if (!seen.Add($"{log.Date:O}|{log.MessageId}|{log.Url}"))
                {
                    report.Fail($"simulator paging, {records:N0} records: a record was served twice ({log.MessageId})");
                }
            }

            token = result.NextPageToken;
            if (token is null)
            {
                break;
            }
        }

        times.Sort();
        var median = times.Count == 0 ? double.NaN : times[times.Count / 2];
        Console.WriteLine($"  {records:N0} records: {seen.Count:N0} served over {times.Count + WarmupPages} pages, median {median:0.00} ms per page");
        return median;
    }
}
