using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Mimecast.Sdk.Benchmarks.EndToEnd;
using Mimecast.Sdk.Benchmarks.Micro;

// Modes:
//   micro [BenchmarkDotNet args]  figures 1-2 with BenchmarkDotNet (e.g. `micro --job short`)
//   e2e [scenario...]             figures 1-7 at full scale (quick in-process 1-2, then the end-to-end harness);
//                                 scenarios: micro drain overhead ratelimit tokens memory customers simulator feed readahead (default: all)
//   smoke                         the same at small scale for CI: prints figures, asserts only functional checks
//   memory-child <url> <n>        internal: the client process of figure 6
//   siem-batch [files] [mb] [runs] [memoryFiles] [parallel] figure 9: SIEM batch download throughput vs a hand-written loop, and memory
//   siem-batch-child <url> <type> <clientId> <clientSecret> internal: the client process of figure 9b
//   held-release [ids] [steadyIds] figure 13: bulk release of held messages vs a one-id-per-call loop under a 50/s quota
//   cli [records] [runs] [startups] figure 14: the mimecast CLI's start-up and a 100,000 URL-log pull to a file vs the same pull with the SDK in C#
var mode = args.Length > 0 ? args[0].ToLowerInvariant() : "help";
switch (mode)
{
    case "micro":
        return RunMicro(args[1..]);
    case "e2e":
        return await RunHarnessAsync(Scale.Full, args[1..]).ConfigureAwait(false);
    case "smoke":
        return await RunHarnessAsync(Scale.Smoke, args[1..]).ConfigureAwait(false);
    case "memory-child":
        return await MemoryScenario.ChildAsync(args).ConfigureAwait(false);
    case "siem-batch":
        return await SiemBatchScenario.RunAsync(args[1..]).ConfigureAwait(false);
    case "siem-batch-child":
        return await SiemBatchScenario.ChildAsync(args).ConfigureAwait(false);
    case "held-release":
        return await HeldReleaseScenario.RunAsync(args[1..]).ConfigureAwait(false);
    case "cli":
        return await CliScenario.RunAsync(args[1..]).ConfigureAwait(false);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project benchmarks/Mimecast.Sdk.Benchmarks -- micro [--job short] [--filter *Signature*] | e2e [micro|drain|overhead|ratelimit|tokens|memory|customers|simulator|feed|readahead ...] | smoke [same]");
        return mode == "help" ? 0 : 2;
}

static int RunMicro(string[] rest)
{
    var artifacts = Path.Combine(FindProjectDirectory(), "BenchmarkDotNet.Artifacts");
    var config = DefaultConfig.Instance
        .AddColumn(new ThroughputColumn())
        .AddColumn(StatisticColumn.Median)
        .WithArtifactsPath(artifacts)
        .WithBuildTimeout(TimeSpan.FromMinutes(10)); // a busy shared machine can take more than the default 2 minutes
    if (!rest.Any(a => a is "--filter" or "-f"))
    {
        rest = [.. rest, "--filter", "*"];
    }

    var summaries = BenchmarkSwitcher.FromTypes([typeof(SignatureBenchmarks), typeof(SignedRequestBenchmarks), typeof(PageDecodingBenchmarks)]).Run(rest, config);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

static async Task<int> RunHarnessAsync(Scale scale, string[] only)
{
    var total = Stopwatch.StartNew();
    using var budget = new CancellationTokenSource(scale.Budget);
    var report = new Report();
    Console.WriteLine($"Mimecast.Sdk end-to-end harness, scale '{scale.Name}', {Environment.ProcessorCount} cores, .NET {Environment.Version}, all traffic on 127.0.0.1");
    var scenarios = new (string Name, Func<Task> Run)[]
    {
        ("micro", () => { QuickMicro.Run(scale, report); return Task.CompletedTask; }),
        ("drain", () => DrainScenario.RunAsync(scale, report, budget.Token)),
        ("overhead", () => OverheadScenario.RunAsync(scale, report, budget.Token)),
        ("ratelimit", () => RateLimitScenario.RunAsync(scale, report, 1, budget.Token)),
        ("ratelimit", () => RateLimitScenario.RunAsync(scale, report, 4, budget.Token)),
        ("tokens", () => TokenScenario.RunAsync(scale, report, budget.Token)),
        ("memory", () => MemoryScenario.RunAsync(scale, report, budget.Token)),
        ("customers", () => CustomersScenario.RunAsync(scale, report, budget.Token)),
        ("simulator", () => SimulatorPagingScenario.RunAsync(scale, report, budget.Token)),
        ("feed", () => FeedScenario.RunAsync(scale, report, FeedPipelines.All, budget.Token)),
        ("readahead", () => ReadAheadScenario.RunAsync(scale, report, budget.Token)),
    };

    foreach (var (name, run) in scenarios)
    {
        if (only.Length > 0 && !only.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            continue;
        }

        var sw = Stopwatch.StartNew();
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            report.Fail($"{name}: {e.GetType().Name}: {e.Message}");
        }

        Console.WriteLine($"  ({name}: {sw.Elapsed.TotalSeconds:0.0} s)");
        Console.WriteLine();
    }

    Console.WriteLine(report.ToMarkdown($"Results ({scale.Name}{(only.Length > 0 ? " " + string.Join(' ', only) : string.Empty)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {total.Elapsed.TotalSeconds:0} s)"));
    return report.Failures.Count == 0 ? 0 : 1;
}

static string FindProjectDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Mimecast.Sdk.Benchmarks.csproj")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
