using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Benchmarks.Shared;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 3: drain N URL-log records (page size 500) through <c>Ttp.GetUrlLogsAsync</c> against a hand-written loop
/// (HttpClient + naive HMAC signing + JsonSerializer) on the same simulator. Warm-ups first, then runs in rotating
/// order; the median of each is compared.
/// </summary>
internal static class DrainScenario
{
    private const int PageSize = 500;
    private const string Path = "api/ttp/url/get-logs";

#pragma warning disable IL2026, IL3050 // The reflection variant is a deliberate baseline.
    private static readonly JsonSerializerOptions ReflectionOptions = CreateReflectionOptions();
#pragma warning restore IL2026, IL3050

    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"[3] end-to-end drain: {scale.DrainRecords:N0} records, page size {PageSize}, {scale.DrainWarmups} warm-up + {scale.DrainRuns} measured runs per variant");
        var options = new MimecastSimulatorOptions { InitialUrlLogs = scale.DrainRecords, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Enabled = false;
        options.RateLimit.Limit = 1_000_000_000; // headers still flow (and are parsed by the SDK); the bucket never empties
        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);

        using var services = Sdk.Api1(sim.BaseUrl);
        var client = services.GetRequiredService<IMimecastClient>();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(100) };
        var account = SimulatorAccount.CreateDefault();
        var signer = new NaiveSigner(account.AppId, account.AppKey, account.AccessKey, account.SecretKey);
        var endpoint = new Uri(sim.BaseUrl, Path);

        var variants = new (string Name, Func<HashSet<string>?, CancellationToken, Task<int>> Run)[]
        {
            ("SDK Ttp.GetUrlLogsAsync", (ids, ct) => SdkDrainAsync(client, ids, ct)),
            ("hand-written, source-gen decode", (ids, ct) => HandDrainAsync(http, signer, endpoint, reflection: false, ids, ct)),
            ("hand-written, reflection decode", (ids, ct) => HandDrainAsync(http, signer, endpoint, reflection: true, ids, ct)),
        };

        var (medians, allocated) = await MeasureAsync(scale, report, variants, distinct: true, cancellationToken).ConfigureAwait(false);
        var ratio = medians[0] / medians[1];
        report.Row($"3. drain {scale.DrainRecords:N0} records from the simulator (median of {scale.DrainRuns})",
            $"SDK {F(medians[0], "0")} ms", $"hand-written (source-gen) {F(medians[1], "0")} ms", F(ratio, "0.000") + " ×", "≤ 1.05 ×", ratio <= 1.05);
        report.Row("3b. same, vs hand-written with reflection decode (info)",
            $"SDK {F(medians[0], "0")} ms", $"hand-written (reflection) {F(medians[2], "0")} ms", F(medians[0] / medians[2], "0.000") + " ×", "≤ 1.05 ×", medians[0] / medians[2] <= 1.05);
        report.Row("3c. same, process-wide bytes allocated per record (client + simulator; info)", $"SDK {F(allocated[0], "0")} B", $"hand-written {F(allocated[1], "0")} B",
            F(allocated[0] / allocated[1], "0.00") + " ×", "-", null);

        // 3d: the same clients against a server that costs nothing, so the client's own overhead is not diluted.
        Console.WriteLine($"  [3d] same drain against a canned-page server (no simulator work per page)");
        await using var canned = await CannedServer.StartAsync(scale.DrainRecords, PageSize, cancellationToken).ConfigureAwait(false);
        using var cannedServices = Sdk.Api1(canned.BaseUrl);
        var cannedClient = cannedServices.GetRequiredService<IMimecastClient>();
        var cannedEndpoint = new Uri(canned.BaseUrl, Path);
        var cannedVariants = new (string Name, Func<HashSet<string>?, CancellationToken, Task<int>> Run)[]
        {
            ("SDK Ttp.GetUrlLogsAsync", (ids, ct) => SdkDrainAsync(cannedClient, ids, ct)),
            ("hand-written, source-gen decode", (ids, ct) => HandDrainAsync(http, signer, cannedEndpoint, reflection: false, ids, ct)),
            ("hand-written, reflection decode", (ids, ct) => HandDrainAsync(http, signer, cannedEndpoint, reflection: true, ids, ct)),
        };
        var (cannedMedians, cannedAllocated) = await MeasureAsync(scale, report, cannedVariants, distinct: false, cancellationToken).ConfigureAwait(false);
        var cannedRatio = cannedMedians[0] / cannedMedians[1];
        report.Row($"3d. drain {scale.DrainRecords:N0} records from a canned-page server (client cost only)",
            $"SDK {F(cannedMedians[0], "0")} ms", $"hand-written (source-gen) {F(cannedMedians[1], "0")} ms", F(cannedRatio, "0.000") + " ×", "≤ 1.05 ×", cannedRatio <= 1.05);
        report.Row("3e. same, vs hand-written with reflection decode (info)",
            $"SDK {F(cannedMedians[0], "0")} ms", $"hand-written (reflection) {F(cannedMedians[2], "0")} ms", F(cannedMedians[0] / cannedMedians[2], "0.000") + " ×", "-", null);
        report.Row("3f. same, bytes allocated per record (client + canned server)", $"SDK {F(cannedAllocated[0], "0")} B", $"hand-written {F(cannedAllocated[1], "0")} B",
            F(cannedAllocated[0] / cannedAllocated[1], "0.00") + " ×", "-", null);
    }

    private static async Task<(double[] Medians, double[] Allocated)> MeasureAsync(Scale scale, Report report,
        (string Name, Func<HashSet<string>?, CancellationToken, Task<int>> Run)[] variants, bool distinct, CancellationToken cancellationToken)
    {
        var times = variants.Select(_ => new List<double>()).ToArray();
        var allocated = variants.Select(_ => new List<double>()).ToArray();
        for (var w = 0; w < scale.DrainWarmups; w++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                // Warm-ups also check every record arrives exactly once (distinct message ids).
                var ids = distinct ? new HashSet<string>(StringComparer.Ordinal) : null;
                var count = await variants[v].Run(ids, cancellationToken).ConfigureAwait(false);
                Check(report, variants[v].Name, count, ids?.Count ?? count, scale.DrainRecords);
            }
        }

        for (var run = 0; run < scale.DrainRuns; run++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (run + k) % variants.Length; // rotate the order so no variant always runs first
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                var sw = Stopwatch.StartNew();
                var count = await variants[v].Run(null, cancellationToken).ConfigureAwait(false);
                sw.Stop();
                times[v].Add(sw.Elapsed.TotalMilliseconds);
                allocated[v].Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)scale.DrainRecords);
                Check(report, variants[v].Name, count, count, scale.DrainRecords);
            }
        }

        var medians = times.Select(Median).ToArray();
        for (var v = 0; v < variants.Length; v++)
        {
            Console.WriteLine($"  {variants[v].Name,-36} median {F(medians[v], "0.0")} ms  ({F(scale.DrainRecords / (medians[v] / 1000), "N0")} records/s)  runs: {string.Join(", ", times[v].Select(t => F(t, "0")))}; process-wide allocation {F(Median(allocated[v]), "0")} B/record");
        }

        return (medians, allocated.Select(Median).ToArray());
    }

    private static void Check(Report report, string variant, int count, int distinct, int expected)
    {
        if (count != expected || distinct != expected)
        {
            report.Fail($"drain ({variant}): {count} records ({distinct} distinct) instead of {expected}");
        }
    }

    private static async Task<int> SdkDrainAsync(IMimecastClient client, HashSet<string>? ids, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var log in client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { PageSize = PageSize }, cancellationToken).ConfigureAwait(false))
        {
            count++;
            ids?.Add(log.MessageId!);
        }

        return count;
    }

    private static async Task<int> HandDrainAsync(HttpClient http, NaiveSigner signer, Uri endpoint, bool reflection, HashSet<string>? ids, CancellationToken cancellationToken)
    {
        string? token = null;
        var count = 0;
        for (var page = 0; page < 1_000_000; page++)
        {
            var envelope = await HandPageAsync(http, signer, endpoint, PageSize, token, reflection, cancellationToken).ConfigureAwait(false);
            if (envelope?.Fail is { Count: > 0 })
            {
                throw new InvalidOperationException("The simulator answered a fail item: " + envelope.Fail[0].Code);
            }

            var logs = envelope?.Data is { Count: > 0 } data ? data[0].ClickLogs : null;
            if (logs is null || logs.Count == 0)
            {
                break;
            }

            count += logs.Count;
            if (ids is not null)
            {
                foreach (var log in logs)
                {
                    ids.Add(log.MessageId!);
                }
            }

            token = envelope!.Meta?.Pagination?.Next;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }

        return count;
    }

    /// <summary>One hand-written page call: build the body, sign it naively, send, check the status, decode the envelope.</summary>
    internal static async Task<ResponseEnvelope<UrlLogsData>?> HandPageAsync(HttpClient http, NaiveSigner signer, Uri endpoint, int pageSize, string? token, bool reflection, CancellationToken cancellationToken)
    {
        var body = token is null
            ? "{\"meta\":{\"pagination\":{\"pageSize\":" + pageSize + "}},\"data\":[{}]}"
            : "{\"meta\":{\"pagination\":{\"pageSize\":" + pageSize + ",\"pageToken\":\"" + token + "\"}},\"data\":[{}]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        signer.Apply(request, DateTimeOffset.UtcNow);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
#pragma warning disable IL2026, IL3050
            return reflection
                ? await JsonSerializer.DeserializeAsync<ResponseEnvelope<UrlLogsData>>(stream, ReflectionOptions, cancellationToken).ConfigureAwait(false)
                : await JsonSerializer.DeserializeAsync(stream, MimecastJsonContext.Default.ResponseEnvelopeUrlLogsData, cancellationToken).ConfigureAwait(false);
#pragma warning restore IL2026, IL3050
        }
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static JsonSerializerOptions CreateReflectionOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new MimecastDateTimeConverter());
        return options;
    }
}
