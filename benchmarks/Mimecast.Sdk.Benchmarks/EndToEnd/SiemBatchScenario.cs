using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 9: SIEM batch download throughput and memory. A Kestrel server on 127.0.0.1 serves an API 2.0 token, a
/// batch listing and gzip NDJSON files generated deterministically (fixed seed; one file per size, served under as
/// many names as the listing needs). 9a: the SDK (<c>GetSiemBatchPageAsync</c> + <c>ReadSiemBatchFilesAsync</c>, 4
/// parallel downloads) vs a hand-written loop (sequential HttpClient download, GZipStream, StreamReader.ReadLine,
/// JsonSerializer per line into the same SiemEvent type), alternating, median. 9b: peak memory of the SDK reading
/// 1 MB files vs 100 MB files (uncompressed), each in a child process of its own.
/// Run: <c>dotnet run -c Release --project benchmarks/Mimecast.Sdk.Benchmarks -- siem-batch [files] [mb] [runs]</c>.
/// </summary>
internal static class SiemBatchScenario
{
    private const string TokenBody = """{"access_token":"bench-token","token_type":"Bearer","expires_in":1799,"scope":""}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var megabytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var memoryFiles = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
        var parallel = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        var directory = Path.Combine(Path.GetTempPath(), "mimecast-sdk-siem-bench");
        Directory.CreateDirectory(directory);
        Console.WriteLine($"[9] SIEM batch: {files} files of {megabytes} MB NDJSON, {Environment.ProcessorCount} cores, all traffic on 127.0.0.1");
        var sizes = new Dictionary<string, (string Path, int Count)>(StringComparer.Ordinal)
        {
            ["throughput"] = (Generate(directory, megabytes), files),
            ["mem-1"] = (Generate(directory, 1), memoryFiles),
            ["mem-100"] = (Generate(directory, 100), memoryFiles),
        };

        await using var server = await StartServerAsync(sizes, budget.Token).ConfigureAwait(false);
        Console.WriteLine($"  server {server.BaseUrl}");

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
                    ? await SdkReadAsync(server.BaseUrl, "throughput", parallel, budget.Token).ConfigureAwait(false)
                    : await HandWrittenLoopAsync(server.BaseUrl, "throughput", budget.Token).ConfigureAwait(false);
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
        var small = await ChildAsync(server.BaseUrl, "mem-1", budget.Token).ConfigureAwait(false);
        var large = await ChildAsync(server.BaseUrl, "mem-100", budget.Token).ConfigureAwait(false);
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
        var baseUrl = new Uri(args[1]);
        var type = args[2];
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        long peakWorkingSet = 0;
        long peakHeap = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            try
            {
                while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
                {
                    process.Refresh();
                    peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                }
            }
            catch (OperationCanceledException)
            {
                // Sampling stops with the reading.
            }
        }, CancellationToken.None);

        var sw = Stopwatch.StartNew();
        var count = await SdkReadAsync(baseUrl, type, 4, budget.Token).ConfigureAwait(false);
        sw.Stop();
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        peakWorkingSet = Math.Max(peakWorkingSet, self.PeakWorkingSet64);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {count} {sw.Elapsed.TotalSeconds} {peakWorkingSet} {peakHeap}"));
        return 0;
    }

    private static async Task<long> SdkReadAsync(Uri baseUrl, string type, int parallel, CancellationToken cancellationToken)
    {
        using var services = Sdk.Build(o =>
        {
            o.BaseUrl = baseUrl;
            o.Api2 = new MimecastApi2Options { ClientId = "bench", ClientSecret = "bench-secret" };
            o.Siem.MaxParallelDownloads = parallel;
        });
        var client = services.GetRequiredService<IMimecastClient>();
        var page = await client.GetSiemBatchPageAsync(new SiemBatchQuery(type), null, cancellationToken).ConfigureAwait(false);
        long count = 0;
        await foreach (var item in client.ReadSiemBatchFilesAsync(page, cancellationToken).ConfigureAwait(false))
        {
            GC.KeepAlive(item);
            count++;
        }

        return count;
    }

    /// <summary>What a user would write by hand: list, then download each file in turn and parse it line by line.</summary>
    private static async Task<long> HandWrittenLoopAsync(Uri baseUrl, string type, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var listing = await http.GetStringAsync(new Uri(baseUrl, $"/siem/v1/batch/events/cg?type={type}"), cancellationToken).ConfigureAwait(false);
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

    private static async Task<ChildResult?> ChildAsync(Uri baseUrl, string type, CancellationToken cancellationToken)
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo { FileName = processPath, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SiemBatchScenario).Assembly.Location);
        }

        start.ArgumentList.Add("siem-batch-child");
        start.ArgumentList.Add(baseUrl.ToString());
        start.ArgumentList.Add(type);
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

    /// <summary>Writes (once; reused while its content is the same) a gzip file of about <paramref name="megabytes"/> MB of NDJSON.</summary>
    private static string Generate(string directory, int megabytes)
    {
        var path = Path.Combine(directory, $"receipt-{megabytes}mb-v1.json.gz");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(20261129 + megabytes);
        var target = megabytes * 1_000_000L;
        var temp = path + ".tmp";
        using (var output = File.Create(temp))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16))
        {
            long written = 0;
            for (var i = 0; written < target; i++)
            {
                var line = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"timestamp":{{1732530645000L + (i * 37)}},"type":"receipt","subtype":"Acc","_offset":{{i}},"_partition":{{i % 8}},"accountId":"C0A{{random.Next(10)}}","aggregateId":"{{random.NextInt64():x16}}","processingId":"{{random.NextInt64():x16}}","messageId":"<{{random.Next():x8}}.{{i}}@mail{{random.Next(50)}}.example.com>","subject":"Quarterly report {{random.Next(10000)}}","senderEnvelope":"user{{random.Next(5000)}}@example.com","recipients":"team{{random.Next(300)}}@example.org","action":"Acc","direction":"Inbound","senderIp":"192.0.2.{{random.Next(255)}}","senderHeader":"User {{random.Next(5000)}} <user@example.com>","rejectionCode":null,"rejectionInfo":null,"rejectionType":null,"spamScore":"{{random.Next(10)}}","spamDetectionLevel":"moderate","spamInfo":"[]","spamProcessingDetail":"{\"spf\":\"SPF_PASS\",\"dkim\":\"DKIM_UNKNOWN\"}","tlsCipher":"TLS_AES_256_GCM_SHA384","tlsVersion":"TLSv1.3","virusFound":null,"numberAttachments":"{{random.Next(4)}}","emailSize":"{{random.Next(2000, 900000)}}"}""");
                writer.Write(line);
                writer.Write('\n');
                written += line.Length + 1;
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static async Task<Server> StartServerAsync(Dictionary<string, (string Path, int Count)> sets, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/oauth/token", () => Results.Text(TokenBody, "application/json"));
        app.MapGet("/siem/v1/batch/events/cg", (HttpContext context) =>
        {
            var type = context.Request.Query["type"].ToString();
            var (_, count) = sets[type];
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            var urls = string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"url":"{{origin}}/store/{{type}}/{{i}}.json.gz?X-Amz-Signature=bench","size":1,"expiry":"2099-01-01T00:00:00.000Z"}"""));
            return Results.Text($$"""{"value":[{{urls}}],"@nextPage":"cursor-{{type}}","isCaughtUp":true}""", "application/json");
        });
        app.MapGet("/store/{type}/{index}.json.gz", (string type) => Results.File(sets[type].Path, "application/gzip"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, new Uri(address + "/"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record ChildResult(long Events, double Seconds, long PeakWorkingSet, long PeakHeap);

    private sealed class Server(WebApplication app, Uri baseUrl) : IAsyncDisposable
    {
        public Uri BaseUrl { get; } = baseUrl;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
