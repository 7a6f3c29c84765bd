using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Benchmarks.Shared;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 3g: what the SDK adds to one call, with the network and the server taken away. Both clients send through the
/// same in-memory primary handler, which answers every request with the same one-record page and X-RateLimit headers,
/// so the time and bytes per call are the client's alone: the SDK's whole pipeline (options, resilience, rate-limit
/// gate, attempt timeout, signing, telemetry, envelope handling) against a hand-written HttpClient call.
/// </summary>
internal static class OverheadScenario
{
    private const string Path = "api/ttp/url/get-logs";
    private const int Runs = 5;

    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        var calls = scale.IsSmoke ? 2_000 : 20_000;
        Console.WriteLine($"[3g] per-call overhead, in-memory transport: {calls:N0} calls per run, {Runs} alternating runs per client after one warm-up run each");
        var page = UrlLogPage.Create(1);
        var account = SimulatorAccount.CreateDefault();
        var baseUrl = new Uri("http://127.0.0.1:9/"); // never dialled: the primary handler is in memory

        using var services = Sdk.Build(o =>
        {
            o.BaseUrl = baseUrl;
            o.Api1 = Sdk.Api1Options(account);
        }, builder => builder.ConfigurePrimaryHttpMessageHandler(() => new CannedHandler(page)));
        var client = services.GetRequiredService<IMimecastClient>();
        using var http = new HttpClient(new CannedHandler(page));
        var signer = new NaiveSigner(account.AppId, account.AppKey, account.AccessKey, account.SecretKey);
        var endpoint = new Uri(baseUrl, Path);

        async Task SdkCalls(int n)
        {
            for (var i = 0; i < n; i++)
            {
                var result = await client.Ttp.GetUrlLogsPageAsync(null, null, cancellationToken).ConfigureAwait(false);
                if (result.Items.Count != 1)
                {
                    report.Fail("overhead: the SDK did not return the record");
                    return;
                }
            }
        }

        async Task HandCalls(int n)
        {
            for (var i = 0; i < n; i++)
            {
                var envelope = await DrainScenario.HandPageAsync(http, signer, endpoint, 1, null, reflection: false, cancellationToken).ConfigureAwait(false);
                if (envelope?.Data?[0].ClickLogs?.Count != 1)
                {
                    report.Fail("overhead: the hand-written call did not return the record");
                    return;
                }
            }
        }

        await SdkCalls(calls).ConfigureAwait(false);
        await HandCalls(calls).ConfigureAwait(false);
        var sdk = new List<(double Us, double Bytes)>();
        var hand = new List<(double Us, double Bytes)>();
        for (var run = 0; run < Runs; run++)
        {
            sdk.Add(await MeasureAsync(SdkCalls, calls).ConfigureAwait(false));
            hand.Add(await MeasureAsync(HandCalls, calls).ConfigureAwait(false));
        }

        var s = sdk.OrderBy(r => r.Us).ElementAt(Runs / 2);
        var h = hand.OrderBy(r => r.Us).ElementAt(Runs / 2);
        Console.WriteLine($"  SDK runs {string.Join(" / ", sdk.Select(r => F(r.Us, "0.0")))} µs; hand-written {string.Join(" / ", hand.Select(r => F(r.Us, "0.0")))} µs");
        report.Row($"3g. one call, in-memory transport, 1-record page (median of {Runs} runs; info)",
            $"SDK {F(s.Us, "0.0")} µs, {F(s.Bytes, "0")} B", $"hand-written {F(h.Us, "0.0")} µs, {F(h.Bytes, "0")} B",
            $"+{F(s.Us - h.Us, "0.0")} µs, +{F(s.Bytes - h.Bytes, "0")} B per call", "-", null);
    }

    private static async Task<(double Us, double Bytes)> MeasureAsync(Func<int, Task> run, int calls)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        await run(calls).ConfigureAwait(false);
        sw.Stop();
        return (sw.Elapsed.TotalMicroseconds / calls, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)calls);
    }

    /// <summary>Answers every request with the same page; the request never leaves the process.</summary>
    private sealed class CannedHandler(byte[] page) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(page), RequestMessage = request };
            response.Content.Headers.ContentType = new("application/json");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "1000000");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "999999");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "60000");
            return Task.FromResult(response);
        }
    }
}
