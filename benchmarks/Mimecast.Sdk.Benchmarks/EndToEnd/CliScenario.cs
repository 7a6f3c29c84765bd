using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 14: the <c>mimecast</c> CLI. (a) Start-up: wall time of <c>mimecast version</c> as a process, the JIT build
/// (<c>dotnet mimecast.dll</c>) and the native-AOT binary when one is published. (b) Pulling N URL logs (page size 500)
/// into a file with <c>mimecast logs ttp url -o jsonl</c>, against the same pull written with the SDK in C# (in this
/// process: <c>client.Ttp.GetUrlLogsAsync</c>, each record serialized as one JSON line), all against one simulator in
/// the same run, alternating, median of the runs. Every output file is checked to hold exactly N lines.
/// </summary>
internal static class CliScenario
{
    /// <summary><c>cli [records] [runs] [startups]</c>: defaults 100,000 records, 3 runs, 20 start-ups. Build the CLI first (<c>dotnet build src/Mimecast.Cli -c Release</c>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var startups = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var root = FindRepositoryRoot();
        var dll = Path.Combine(root, "src", "Mimecast.Cli", "bin", "Release", "net10.0", "mimecast.dll");
        var aot = Path.Combine(root, "src", "Mimecast.Cli", "bin", "Release", "net10.0", "linux-x64", "publish", "mimecast");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"Build the CLI first: dotnet build src/Mimecast.Cli -c Release ({dll} is missing).");
            return 2;
        }

        var cli = new List<(string Name, string File, string Prefix)> { ("JIT (dotnet mimecast.dll)", "dotnet", $"\"{dll}\" ") };
        if (File.Exists(aot))
        {
            cli.Add(("native AOT", aot, string.Empty));
        }

        var report = new Report();
        Console.WriteLine($"[14] mimecast CLI: start-up ({startups} runs) and {records:N0} URL logs to a file ({runs} runs), {Environment.ProcessorCount} cores, load {LoadAverage()}, all traffic on 127.0.0.1");
        var config = Directory.CreateTempSubdirectory("mimecast-cli-bench-");
        try
        {
            foreach (var (name, file, prefix) in cli)
            {
                _ = await RunAsync(file, prefix + "version", null, config.FullName, null).ConfigureAwait(false); // warm the disk cache
                var times = new List<double>();
                for (var i = 0; i < startups; i++)
                {
                    times.Add((await RunAsync(file, prefix + "version", null, config.FullName, null).ConfigureAwait(false)).TotalMilliseconds);
                }

                report.Row($"14a. start-up, `mimecast version`, {name}", $"median {F(Median(times), "0")} ms (min {F(times.Min(), "0")}, max {F(times.Max(), "0")})", "-", "-", "-", null);
            }

            await PullAsync(records, runs, cli, config.FullName, report).ConfigureAwait(false);
        }
        finally
        {
            config.Delete(recursive: true);
        }

        Console.WriteLine(report.ToMarkdown($"Results (cli {records} {runs} {startups}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {LoadAverage()})"));
        return report.Failures.Count == 0 ? 0 : 1;
    }

    private static async Task PullAsync(int records, int runs, List<(string Name, string File, string Prefix)> cli, string config, Report report)
    {
        var options = new MimecastSimulatorOptions { InitialUrlLogs = records, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0, InitialLogSpan = TimeSpan.FromHours(12) };
        options.RateLimit.Enabled = false;
        await using var sim = await MimecastSimulator.StartAsync(options).ConfigureAwait(false);
        var account = SimulatorAccount.CreateDefault();
        var env = new Dictionary<string, string>
        {
            ["MIMECAST_BASE_URL"] = sim.BaseUrl.ToString(), ["MIMECAST_APP_ID"] = account.AppId, ["MIMECAST_APP_KEY"] = account.AppKey,
            ["MIMECAST_ACCESS_KEY"] = account.AccessKey, ["MIMECAST_SECRET_KEY"] = account.SecretKey,
        };
        using var services = Sdk.Api1(sim.BaseUrl);
        var client = services.GetRequiredService<IMimecastClient>();
        var output = Path.Combine(config, "urls.jsonl");
        var results = cli.Select(static c => (c.Name, Times: new List<double>())).Append((Name: "SDK in C#", Times: new List<double>())).ToList();
        for (var run = 0; run <= runs; run++) // run 0 warms up
        {
            for (var k = 0; k < results.Count; k++)
            {
                var which = (k + run) % results.Count; // rotate the order
                var elapsed = which < cli.Count
                    ? await RunAsync(cli[which].File, cli[which].Prefix + "logs ttp url --since 24h --page-size 500 -o jsonl", env, config, output).ConfigureAwait(false)
                    : await PullWithSdkAsync(client, output).ConfigureAwait(false);
                var lines = File.ReadLines(output).Count();
                if (lines != records)
                {
                    report.Fail($"{results[which].Name}: {lines} lines written, expected {records}");
                }

                if (run > 0)
                {
                    results[which].Times.Add(elapsed.TotalSeconds);
                }
            }
        }

        var sdk = Median(results[^1].Times);
        foreach (var (name, times) in results)
        {
            var median = Median(times);
            report.Row($"14b. {records:N0} URL logs to a file, {name}", $"median {F(median, "0.00")} s ({F(records / median, "0")} records/s)",
                $"SDK in C# {F(sdk, "0.00")} s", F(median / sdk, "0.00") + " x", "-", null);
        }
    }

    private static async Task<TimeSpan> PullWithSdkAsync(IMimecastClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var query = new TtpUrlLogQuery { From = now.AddHours(-24), To = now, OldestFirst = true, PageSize = 500 };
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await foreach (var log in client.Ttp.GetUrlLogsAsync(query).ConfigureAwait(false))
            {
                await System.Text.Json.JsonSerializer.SerializeAsync(file, log, CliBenchJson.Default.TtpUrlLog).ConfigureAwait(false);
                file.WriteByte((byte)'\n');
            }
        }

        return watch.Elapsed;
    }

    private static async Task<TimeSpan> RunAsync(string file, string arguments, Dictionary<string, string>? env, string config, string? stdoutPath)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["MIMECAST_CONFIG_DIR"] = config;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        if (stdoutPath is null)
        {
            _ = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        }
        else
        {
            var target = File.Create(stdoutPath);
            await using (target.ConfigureAwait(false))
            {
                await process.StandardOutput.BaseStream.CopyToAsync(target).ConfigureAwait(false);
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await errors.ConfigureAwait(false)}");
        }

        return watch.Elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mimecast.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>The JSON context of the SDK-in-C# side of figure 14 (what a user's program would declare).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TtpUrlLog))]
internal sealed partial class CliBenchJson : JsonSerializerContext;
