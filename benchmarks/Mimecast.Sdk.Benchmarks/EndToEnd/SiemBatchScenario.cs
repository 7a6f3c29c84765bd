using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

using Mimecast.Sdk.Benchmarks.Shared;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 9: SIEM batch download throughput and memory against the simulator (<c>Mimecast.Sdk.Testing</c>) on
/// 127.0.0.1, which serves the batch listing and its gzip NDJSON files under signed URLs, as Mimecast's storage host
/// does. 9a: the SDK (<c>Siem.GetBatchPageAsync</c> + <c>Siem.ReadBatchFilesAsync</c>, 4 parallel downloads) vs a
/// hand-written loop (sequential HttpClient download, GZipStream, StreamReader.ReadLine, JsonSerializer per line into
/// the same SiemEvent type), alternating, median. 9b: peak memory of the SDK reading 1 MB files vs 100 MB files
/// (uncompressed), each in a child process of its own.
/// Run: <c>dotnet run -c Release --project benchmarks/Mimecast.Sdk.Benchmarks -- siem-batch [files] [mb] [runs] [memoryFiles] [parallel]</c>.
/// </summary>
internal static class SiemBatchScenario
{
    // One event type per data set, so each listing holds exactly its files (the simulator seeds no other SIEM history here).
    private const string Throughput = "receipt";
    private const string SmallFiles = "delivery";
    private const string LargeFiles = "process";

    public static async Task<int> RunAsync(string[] args)
    {
        var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var megabytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var memoryFiles = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
        var parallel = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        Console.WriteLine($"[9] SIEM batch: {files} files of {megabytes} MB NDJSON, {Environment.ProcessorCount} cores, the simulator on 127.0.0.1");
        var account = SimulatorAccount.CreateDefault();
        var options = new MimecastSimulatorOptions { Accounts = { account } };
        options.Siem.InitialEventsPerType = 0;
        await using var simulator = await MimecastSimulator.StartAsync(options, budget.Token).ConfigureAwait(false);
        var build = Stopwatch.StartNew();
        simulator.AddSiemBatchFiles(Throughput, files, megabytes * 1_000_000L);
        simulator.AddSiemBatchFiles(SmallFiles, memoryFiles, 1_000_000L);
        simulator.AddSiemBatchFiles(LargeFiles, memoryFiles, 100_000_000L);
        Console.WriteLine($"  simulator {simulator.BaseUrl}, files built in {build.Elapsed.TotalSeconds:0.0} s");
        var server = new Target(simulator.BaseUrl, account.ClientId, account.ClientSecret);

        // 9a: throughput, alternating; one warm-up of each.
        var sdkTimes = new List<double>();
        var loopTimes = new List<double>();
        long expected = -1;
        for (var run = -1; run < runs; run++)
        {
            var order = run % 2 == 0 ? new[] { "sdk", "loop" } : ["loop", "sdk"];
            foreach (var which in order)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                var count = which == "sdk"
                    ? await SdkReadAsync(server, Throughput, parallel, budget.Token).ConfigureAwait(false)
                    : await HandWrittenLoopAsync(server, Throughput, budget.Token).ConfigureAwait(false);
                sw.Stop();
                expected = expected < 0 ? count : expected;
                if (count != expected)
                {
                    Console.WriteLine($"  FUNCTIONAL FAILURE: {which} read {count} events, expected {expected}");
                    return 1;
                }

                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                Console.WriteLine($"  {(run < 0 ? "warm-up" : $"run {run + 1}")} {which}: {count:N0} events in {sw.Elapsed.TotalSeconds:0.00} s (process CPU {cpu.TotalSeconds:0.00} s, server included)");
                if (run >= 0)
                {
                    (which == "sdk" ? sdkTimes : loopTimes).Add(sw.Elapsed.TotalSeconds);
                }
            }
        }

        var sdk = Median(sdkTimes);
        var loop = Median(loopTimes);
        var ratio = sdk / loop;
        var mb = files * megabytes;
        Console.WriteLine($"  => 9a. SDK ({parallel} parallel) {sdk:0.00} s ({mb / sdk:0} MB/s) vs hand-written loop {loop:0.00} s ({mb / loop:0} MB/s): ratio {ratio:0.00} x (bar <= 0.50) {(ratio <= 0.5 ? "PASS" : "BELOW")}");

        // 9b: memory, each reading in a child process of its own.
        var small = await ChildAsync(server, SmallFiles, budget.Token).ConfigureAwait(false);
        var large = await ChildAsync(server, LargeFiles, budget.Token).ConfigureAwait(false);
        if (small is null || large is null)
        {
            Console.WriteLine("  FUNCTIONAL FAILURE: a memory child did not report");
            return 1;
        }

        foreach (var (name, r) in new[] { ("1 MB", small), ("100 MB", large) })
        {
            Console.WriteLine($"  {memoryFiles} files of {name}: {r.Events:N0} events in {r.Seconds:0.0} s; peak working set {r.PeakWorkingSet / 1048576.0:0.0} MiB; peak GC heap {r.PeakHeap / 1048576.0:0.0} MiB");
        }

        var wsRatio = large.PeakWorkingSet / (double)small.PeakWorkingSet;
        var heapRatio = large.PeakHeap / (double)small.PeakHeap;
        Console.WriteLine($"  => 9b. peak working set 100 MB vs 1 MB files: {wsRatio:0.00} x; peak GC heap {heapRatio:0.00} x (bar <= 1.20) {(wsRatio <= 1.2 ? "PASS" : "BELOW")}");
        return 0;
    }

    /// <summary>The child of 9b: reads one listing with the SDK, discarding each event, and prints its peaks.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var server = new Target(new Uri(args[1]), args[3], args[4]);
        var type = args[2];
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var sampler = PeakMemorySampler.Start(budget.Token);

        var sw = Stopwatch.StartNew();
        var count = await SdkReadAsync(server, type, 4, budget.Token).ConfigureAwait(false);
        sw.Stop();
        var (peakWorkingSet, peakHeap) = await sampler.StopAsync().ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {count} {sw.Elapsed.TotalSeconds} {peakWorkingSet} {peakHeap}"));
        return 0;
    }

    private static async Task<long> SdkReadAsync(Target server, string type, int parallel, CancellationToken cancellationToken)
    {
        using var services = Sdk.Build(o =>
        {
            o.BaseUrl = server.BaseUrl;
            o.Api2 = new MimecastApi2Options { ClientId = server.ClientId, ClientSecret = server.ClientSecret };
            o.Siem.MaxParallelDownloads = parallel;
        });
        var client = services.GetRequiredService<IMimecastClient>();
        var page = await client.Siem.GetBatchPageAsync(new SiemBatchQuery(type) { PageSize = 100 }, null, cancellationToken).ConfigureAwait(false);
        long count = 0;
        await foreach (var item in client.Siem.ReadBatchFilesAsync(page, cancellationToken).ConfigureAwait(false))
        {
            GC.KeepAlive(item);
            count++;
        }

        return count;
    }

    /// <summary>What a user would write by hand: list, then download each file in turn and parse it line by line.</summary>
    private static async Task<long> HandWrittenLoopAsync(Target server, string type, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = server.ClientId,
            ["client_secret"] = server.ClientSecret,
            ["grant_type"] = "client_credentials",
        });
        using var tokenReply = await http.PostAsync(new Uri(server.BaseUrl, "/oauth/token"), form, cancellationToken).ConfigureAwait(false);
        using var token = JsonDocument.Parse(await tokenReply.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        using var listingRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl, $"/siem/v1/batch/events/cg?type={Uri.EscapeDataString(type)}&pageSize=100"));
        listingRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        using var listingReply = await http.SendAsync(listingRequest, cancellationToken).ConfigureAwait(false);
        var listing = await listingReply.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(listing);
        long count = 0;
        foreach (var file in document.RootElement.GetProperty("value").EnumerateArray())
        {
            using var response = await http.GetAsync(new Uri(file.GetProperty("url").GetString()!), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var gzip = new GZipStream(body, CompressionMode.Decompress);
                using var reader = new StreamReader(gzip, Encoding.UTF8);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    var item = JsonSerializer.Deserialize(line, LogSourcesJsonContext.Default.SiemEvent);
                    GC.KeepAlive(item);
                    count++;
                }
            }
        }

        return count;
    }

    private static async Task<ChildResult?> ChildAsync(Target server, string type, CancellationToken cancellationToken)
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo { FileName = processPath, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SiemBatchScenario).Assembly.Location);
        }

        start.ArgumentList.Add("siem-batch-child");
        start.ArgumentList.Add(server.BaseUrl.ToString());
        start.ArgumentList.Add(type);
        start.ArgumentList.Add(server.ClientId);
        start.ArgumentList.Add(server.ClientSecret);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await stdout.ConfigureAwait(false);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"  child exited {process.ExitCode}: {output} {await stderr.ConfigureAwait(false)}");
            return null;
        }

        var f = line["RESULT ".Length..].Trim().Split(' ');
        return new ChildResult(long.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
            long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record ChildResult(long Events, double Seconds, long PeakWorkingSet, long PeakHeap);

    /// <summary>Where the files are listed, and the API 2.0 credentials of the simulator's account.</summary>
    private sealed record Target(Uri BaseUrl, string ClientId, string ClientSecret);
}
