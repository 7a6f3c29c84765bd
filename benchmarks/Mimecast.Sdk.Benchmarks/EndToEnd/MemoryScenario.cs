using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

using Mimecast.Sdk.Benchmarks.Shared;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 6: peak working set and GC heap of a process that streams N records through <c>IAsyncEnumerable</c> and
/// discards each one. The server (the canned-page server: see below why not the simulator) runs in this process; each
/// client runs in a child process of its own (this executable, mode <c>memory-child</c>), so its peak is the SDK's alone.
/// </summary>
internal static class MemoryScenario
{
    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"[6] memory: stream {scale.MemorySmall:N0} vs {scale.MemoryLarge:N0} records in child processes");
        // The simulator holds every record as an object (1M URL records take ~1.9 GB in its process), which would sit
        // on the machine while the child's memory is measured. So the clients stream from the canned-page server: the
        // same realistic 500-record page, a new token each time.
        await using var sim = await CannedServer.StartAsync(scale.MemoryLarge, 500, cancellationToken).ConfigureAwait(false);

        var small = await RunChildAsync(sim.BaseUrl, scale.MemorySmall, cancellationToken).ConfigureAwait(false);
        var mid = await RunChildAsync(sim.BaseUrl, scale.MemoryMid, cancellationToken).ConfigureAwait(false);
        var large = await RunChildAsync(sim.BaseUrl, scale.MemoryLarge, cancellationToken).ConfigureAwait(false);
        if (small is null || mid is null || large is null)
        {
            report.Fail("memory: a child process did not report");
            return;
        }

        foreach (var (n, r) in new[] { (scale.MemorySmall, small), (scale.MemoryMid, mid), (scale.MemoryLarge, large) })
        {
            Console.WriteLine($"  {n,9:N0} records: {r.Records:N0} streamed in {F(r.Seconds, "0.0")} s; peak working set {Mb(r.PeakWorkingSet)}; peak GC heap {Mb(r.PeakGcHeap)}; heap after last GC {Mb(r.HeapAfterGc)}; allocated {Mb(r.Allocated)} ({F(r.Allocated / (double)Math.Max(1, r.Records), "0")} B/record); GCs {r.Gen0}/{r.Gen1}/{r.Gen2}");
            if (r.Records != n)
            {
                report.Fail($"memory: streamed {r.Records} records instead of {n}");
            }
        }

        var wsRatio = large.PeakWorkingSet / (double)small.PeakWorkingSet;
        var heapRatio = large.PeakGcHeap / (double)small.PeakGcHeap;
        var scaleFactor = scale.MemoryLarge / scale.MemorySmall;
        report.Row($"6. peak working set, {scale.MemoryLarge:N0} vs {scale.MemorySmall:N0} records ({scaleFactor}× the records)", Mb(large.PeakWorkingSet), Mb(small.PeakWorkingSet), F(wsRatio, "0.00") + " ×", "flat (≤ 1.10 ×)", wsRatio <= 1.10);
        report.Row("6. peak GC heap, same runs", Mb(large.PeakGcHeap), Mb(small.PeakGcHeap), F(heapRatio, "0.00") + " ×", "flat (≤ 1.10 ×)", heapRatio <= 1.10);
        var plateauWs = large.PeakWorkingSet / (double)mid.PeakWorkingSet;
        var plateauHeap = large.PeakGcHeap / (double)mid.PeakGcHeap;
        report.Row($"6b. plateau: peak working set, {scale.MemoryLarge:N0} vs {scale.MemoryMid:N0} records", Mb(large.PeakWorkingSet), Mb(mid.PeakWorkingSet), F(plateauWs, "0.00") + " ×", "flat (≤ 1.10 ×)", plateauWs <= 1.10);
        report.Row("6b. plateau: peak GC heap, same runs", Mb(large.PeakGcHeap), Mb(mid.PeakGcHeap), F(plateauHeap, "0.00") + " ×", "flat (≤ 1.10 ×)", plateauHeap <= 1.10);
        report.Row("6c. live heap after the last GC (info)", $"{scale.MemoryLarge:N0}: {Mb(large.HeapAfterGc)}", $"{scale.MemorySmall:N0}: {Mb(small.HeapAfterGc)}", "-", "does not grow with N", large.HeapAfterGc <= small.HeapAfterGc * 2);
    }

    private static string Mb(long bytes) => F(bytes / 1048576.0, "0.0") + " MiB";

    private static async Task<ChildResult?> RunChildAsync(Uri baseUrl, int records, CancellationToken cancellationToken)
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = processPath;
            start.ArgumentList.Add(typeof(MemoryScenario).Assembly.Location);
        }
        else
        {
            start.FileName = processPath;
        }

        start.ArgumentList.Add("memory-child");
        start.ArgumentList.Add(baseUrl.ToString());
        start.ArgumentList.Add(records.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the memory child process.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"  child exited {process.ExitCode}: {output} {errors}");
            return null;
        }

        var f = line["RESULT ".Length..].Trim().Split(' ');
        return new ChildResult(int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
            long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture),
            int.Parse(f[6], CultureInfo.InvariantCulture), int.Parse(f[7], CultureInfo.InvariantCulture), int.Parse(f[8], CultureInfo.InvariantCulture));
    }

    /// <summary>The child: streams the requested number of records, discarding each, and prints its peaks.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var baseUrl = new Uri(args[1]);
        var records = int.Parse(args[2], CultureInfo.InvariantCulture);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var services = Sdk.Api1(baseUrl);
        var client = services.GetRequiredService<IMimecastClient>();

        var sampler = PeakMemorySampler.Start(budget.Token);

        var sw = Stopwatch.StartNew();
        var count = 0;
        await foreach (var log in client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { PageSize = 500 }, budget.Token).ConfigureAwait(false))
        {
            GC.KeepAlive(log); // the caller discards each record
            if (++count >= records)
            {
                break;
            }
        }

        sw.Stop();
        var (peakWorkingSet, peakHeap) = await sampler.StopAsync().ConfigureAwait(false);
        var info = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {count} {sw.Elapsed.TotalSeconds} {peakWorkingSet} {peakHeap} {info.HeapSizeBytes} {GC.GetTotalAllocatedBytes()} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}"));
        return 0;
    }

    private sealed record ChildResult(int Records, double Seconds, long PeakWorkingSet, long PeakGcHeap, long HeapAfterGc, long Allocated, int Gen0, int Gen1, int Gen2);
}
