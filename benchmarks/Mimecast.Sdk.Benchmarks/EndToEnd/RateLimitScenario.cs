using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 4: drain against a simulator bucket of <c>Limit</c> calls per <c>Window</c>. The achieved request rate is
/// measured from the simulator's journal between the first request of window 1 and the first request of the last
/// window (so the full bucket of window 0 does not inflate it), and divided by the quota's ceiling Limit ÷ Window.
/// </summary>
internal static class RateLimitScenario
{
    private const string LogsPath = "/api/ttp/url/get-logs";
    private const int PageSize = 20;

    public static async Task RunAsync(Scale scale, Report report, int callers, CancellationToken cancellationToken)
    {
        var limit = scale.RateLimit;
        var window = scale.RateWindow;
        Console.WriteLine($"[4] rate-limited drain: quota {limit} per {window.TotalMilliseconds} ms, {callers} concurrent caller(s) on one client, ~{scale.RateWindows} windows");
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 5_000, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Limit = limit;
        options.RateLimit.Window = window;
        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        using var services = Sdk.Api1(sim.BaseUrl);
        var client = services.GetRequiredService<IMimecastClient>();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter((window * (scale.RateWindows + 1)) + (window / 2));
        var toCaller = 0;
        var pages = 0;
        var records = 0;
        var otherErrors = 0;
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            string? token = null;
            for (var i = 0; i < 1_000_000 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var page = await client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = PageSize }, token, stop.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref pages);
                    Interlocked.Add(ref records, page.Items.Count);
                    token = page.NextPageToken; // a finished listing starts again from the top
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (MimecastRateLimitException)
                {
                    Interlocked.Increment(ref toCaller);
                }
                catch (MimecastApiException)
                {
                    Interlocked.Increment(ref otherErrors);
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var entries = sim.Journal.Entries.Where(e => string.Equals(e.Path, LogsPath, StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.Timestamp).ToList();
        var windowStarts = entries.Where(e => e.StatusCode == 200 && e.RateLimitRemaining == limit - 1).Select(e => e.Timestamp).ToList();
        var sent429 = sim.RateLimitedResponses;
        var duringWait = sim.RequestsDuringWait;
        Console.WriteLine($"  pages {pages}, records {records}, requests seen by simulator {entries.Count}, windows started {windowStarts.Count}, 429 sent by simulator {sent429}, 429 reaching caller {toCaller}, requests during wait {duringWait}, other errors {otherErrors}");

        var label = callers == 1 ? "4. rate-limited drain, 1 caller" : $"4b. rate-limited drain, {callers} callers sharing the bucket";
        if (windowStarts.Count < 3)
        {
            report.Fail($"{label}: only {windowStarts.Count} quota windows observed; cannot compute the rate");
            return;
        }

        var from = windowStarts[1];
        var to = windowStarts[^1];
        var admitted = entries.Count(e => e.StatusCode == 200 && e.Timestamp >= from && e.Timestamp < to);
        var seconds = (to - from).TotalSeconds;
        var achieved = admitted / seconds;
        var ceiling = limit / window.TotalSeconds;
        var ratio = achieved / ceiling;
        report.Row(label, $"{F(achieved, "0.0")} req/s ({admitted} in {F(seconds, "0.00")} s)", $"ceiling {F(ceiling, "0.0")} req/s", F(ratio, "0.000"), "≥ 0.95", ratio >= 0.95);
        report.Row(label + ": 429s reaching the caller", toCaller.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "-", "0", toCaller == 0);
        report.Row(label + ": requests sent while told to wait", duringWait.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "-", "0", duringWait == 0);
        report.Row(label + ": 429s answered by the simulator (info)", sent429.ToString(System.Globalization.CultureInfo.InvariantCulture), "-", "-", "-", null);
        if (toCaller > 0)
        {
            report.Fail($"{label}: {toCaller} rate-limit exception(s) reached the caller");
        }

        if (duringWait > 0)
        {
            report.Fail($"{label}: {duringWait} request(s) sent while the client had been told to wait");
        }

        if (otherErrors > 0)
        {
            report.Fail($"{label}: {otherErrors} other API error(s)");
        }
    }
}
