using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 13: releasing held messages under a 50-calls-per-second simulator quota, in one run: the SDK's bulk release
/// (25 ids per call) against a hand-written loop of one id per call (each call through the same SDK client, so both
/// keep the quota). Reported: calls, wall time, ids per second, the fraction of the quota ceiling achieved (calls
/// admitted per second between the first request of window 1 and the first of the last window, as figure 4, over
/// Limit ÷ Window; only for runs that span at least three windows) and requests sent while told to wait.
/// </summary>
internal static class HeldReleaseScenario
{
    private const string ReleasePath = "/api/gateway/hold-release";
    private const int Limit = 50;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary><c>held-release [ids] [steadyIds]</c>: both ways for <c>ids</c> (default 1,000), then the bulk release alone for <c>steadyIds</c> (default 10,000; 0 skips it).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var ids = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        var steady = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var report = new Report();
        Console.WriteLine($"[13] held release under a quota of {Limit} calls per {Window.TotalSeconds:0} s, {Environment.ProcessorCount} cores, all traffic on 127.0.0.1");
        await RunOneAsync($"13a. SDK bulk release, {ids} ids", ids, bulk: true, report).ConfigureAwait(false);
        await RunOneAsync($"13b. hand-written loop, one id per call, {ids} ids", ids, bulk: false, report).ConfigureAwait(false);
        if (steady > 0)
        {
            await RunOneAsync($"13c. SDK bulk release, {steady} ids (steady state)", steady, bulk: true, report).ConfigureAwait(false);
        }

        Console.WriteLine(report.ToMarkdown($"Results (held-release {ids} {steady}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)"));
        return report.Failures.Count == 0 ? 0 : 1;
    }

    private static async Task RunOneAsync(string label, int count, bool bulk, Report report)
    {
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 0, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Limit = Limit;
        options.RateLimit.Window = Window;
        await using var sim = await MimecastSimulator.StartAsync(options).ConfigureAwait(false);
        var ids = sim.Records<SimulatorHeldMessage>().Add(count).Select(static m => m.Id).ToList();
        using var services = Sdk.Api1(sim.BaseUrl);
        var client = services.GetRequiredService<IMimecastClient>();

        var released = 0;
        var toCaller = 0;
        var wall = Stopwatch.StartNew();
        if (bulk)
        {
            released = (await client.Held.ReleaseAsync(ids).ConfigureAwait(false)).Succeeded.Count;
        }
        else
        {
            foreach (var id in ids)
            {
                try
                {
                    released += (await client.Held.ReleaseAsync([id]).ConfigureAwait(false)).Succeeded.Count;
                }
                catch (MimecastRateLimitException)
                {
                    toCaller++;
                }
            }
        }

        wall.Stop();
        var entries = sim.Journal.Entries.Where(static e => string.Equals(e.Path, ReleasePath, StringComparison.OrdinalIgnoreCase)).OrderBy(static e => e.Timestamp).ToList();
        var windowStarts = entries.Where(static e => e.StatusCode == 200 && e.RateLimitRemaining == Limit - 1).Select(static e => e.Timestamp).ToList();
        var duringWait = sim.RequestsDuringWait;
        var answered429 = sim.RateLimitedResponses;
        Console.WriteLine($"  {label}: released {released}/{count}, calls {entries.Count}, wall {wall.Elapsed.TotalSeconds:0.00} s, windows {windowStarts.Count}, 429 answered {answered429}, requests during wait {duringWait}");

        report.Row(label + ": calls, wall time", $"{entries.Count} calls, {F(wall.Elapsed.TotalSeconds, "0.00")} s", $"{F(count / wall.Elapsed.TotalSeconds, "0")} ids/s", "-", "-", null);
        if (windowStarts.Count >= 3)
        {
            var from = windowStarts[1];
            var to = windowStarts[^1];
            var admitted = entries.Count(e => e.StatusCode == 200 && e.Timestamp >= from && e.Timestamp < to);
            var achieved = admitted / (to - from).TotalSeconds;
            var ratio = achieved / (Limit / Window.TotalSeconds);
            report.Row(label + ": fraction of the quota ceiling", $"{F(achieved, "0.0")} calls/s", $"ceiling {F(Limit / Window.TotalSeconds, "0")} calls/s", F(ratio, "0.000"), "≥ 0.95", ratio >= 0.95);
        }
        else
        {
            report.Row(label + ": fraction of the quota ceiling", $"{entries.Count} calls in {windowStarts.Count} window(s): not quota-bound", "-", "-", "-", null);
        }

        report.Row(label + ": requests sent while told to wait", duringWait.ToString(CultureInfo.InvariantCulture), "0", "-", "0", duringWait == 0);
        if (released != count)
        {
            report.Fail($"{label}: {released} of {count} ids released");
        }

        if (duringWait > 0 || toCaller > 0)
        {
            report.Fail($"{label}: {duringWait} request(s) during a wait, {toCaller} rate-limit exception(s) reached the caller");
        }
    }
}
