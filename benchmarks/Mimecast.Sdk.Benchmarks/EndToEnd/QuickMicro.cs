using System.Diagnostics;
using Mimecast.Sdk.Benchmarks.Micro;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figures 1 and 2 measured in-process with a stopwatch and the thread's allocation counter: a quick look for the smoke
/// run. The real figures come from <c>micro</c> (BenchmarkDotNet).
/// </summary>
internal static class QuickMicro
{
    public static void Run(Scale scale, Report report)
    {
        Console.WriteLine("[1-2] quick in-process micro figures (use the 'micro' mode for BenchmarkDotNet figures)");
        var signing = new SignatureBenchmarks();
        signing.Setup();
        var naiveSign = Measure(() => signing.Naive(), scale.SignIterations);
        var sdkSign = Measure(() => signing.Sdk(), scale.SignIterations);
        report.Row("1. HMAC signature (quick)", $"SDK {F(sdkSign.Ns, "0")} ns, {F(sdkSign.Bytes, "0")} B", $"naive {F(naiveSign.Ns, "0")} ns, {F(naiveSign.Bytes, "0")} B",
            F(sdkSign.Ns / naiveSign.Ns, "0.00") + " × time", "faster, few small allocations", sdkSign.Ns < naiveSign.Ns && sdkSign.Bytes <= 128);

        var request = new SignedRequestBenchmarks();
        request.Setup();
        var naiveApply = Measure(() => { request.Naive(); return null; }, scale.SignIterations);
        var sdkApply = Measure(() => { var pending = request.Sdk(); if (!pending.IsCompletedSuccessfully) { pending.AsTask().GetAwaiter().GetResult(); } return null; }, scale.SignIterations);
        request.Cleanup();
        report.Row("1b. sign one request, 4 headers (quick)", $"SDK {F(sdkApply.Ns, "0")} ns, {F(sdkApply.Bytes, "0")} B", $"naive {F(naiveApply.Ns, "0")} ns, {F(naiveApply.Bytes, "0")} B",
            F(sdkApply.Ns / naiveApply.Ns, "0.00") + " × time", "faster", sdkApply.Ns < naiveApply.Ns);

        var decoding = new PageDecodingBenchmarks();
        decoding.Setup();
        var reflection = Measure(() => decoding.Reflection(), scale.DecodeIterations);
        var sdk = Measure(() => decoding.Sdk(), scale.DecodeIterations);
        var mb = PageDecodingBenchmarks.PayloadBytes / 1e6;
        report.Row($"2. decode {PageDecodingBenchmarks.Records}-record page, {F(mb, "0.000")} MB (quick)",
            $"SDK {F(mb / (sdk.Ns / 1e9), "0")} MB/s, {F(sdk.Bytes / 1024, "0")} KiB", $"reflection {F(mb / (reflection.Ns / 1e9), "0")} MB/s, {F(reflection.Bytes / 1024, "0")} KiB",
            F(reflection.Ns / sdk.Ns, "0.00") + " × throughput", "faster, ≤ allocations", sdk.Ns < reflection.Ns && sdk.Bytes <= reflection.Bytes);
    }

    private static (double Ns, double Bytes) Measure(Func<object?> action, int iterations)
    {
        for (var i = 0; i < Math.Max(10, iterations / 5); i++)
        {
            action();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        sw.Stop();
        return (sw.Elapsed.TotalNanoseconds / iterations, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)iterations);
    }
}
