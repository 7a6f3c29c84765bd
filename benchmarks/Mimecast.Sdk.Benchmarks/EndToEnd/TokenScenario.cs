using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 5: N concurrent first calls with API 2.0 credentials; the simulator counts the token requests. The baseline is
/// the common hand-written cache (check a field, fetch when empty) hit by the same N concurrent callers.
/// </summary>
internal static class TokenScenario
{
    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        var callers = scale.TokenCallers;
        Console.WriteLine($"[5] token single flight: {callers} concurrent first calls with API 2.0");
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 10, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        options.RateLimit.Limit = 1_000_000;
        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);

        // Baseline: a naive check-then-fetch token cache.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            var naive = new NaiveTokenCache(http, new Uri(sim.BaseUrl, "oauth/token"));
            await Together(callers, () => naive.GetAsync(cancellationToken)).ConfigureAwait(false);
        }

        var baseline = sim.TokenRequests;

        using var services = Sdk.Api2(sim.BaseUrl);
        var client = services.GetRequiredService<IMimecastClient>();
        var failures = 0;
        await Together(callers, async () =>
        {
            var page = await client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 1 }, null, cancellationToken).ConfigureAwait(false);
            if (page.Items.Count != 1)
            {
                Interlocked.Increment(ref failures);
            }
        }).ConfigureAwait(false);
        var sdk = sim.TokenRequests - baseline;
        Console.WriteLine($"  token requests: SDK {sdk}, naive cache {baseline}");
        report.Row($"5. token requests for {callers} concurrent first calls", $"SDK {sdk}", $"naive cache {baseline}", Report.F(sdk / (double)baseline, "0.0000"), "1 request", sdk == 1);
        if (sdk != 1)
        {
            report.Fail($"token single flight: {sdk} token requests instead of 1");
        }

        if (failures > 0)
        {
            report.Fail($"token single flight: {failures} call(s) returned no record");
        }
    }

    private static async Task Together(int count, Func<Task> action)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.Task.ConfigureAwait(false);
            await action().ConfigureAwait(false);
        }).ToArray();
        gate.SetResult();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private sealed class NaiveTokenCache(HttpClient http, Uri endpoint)
    {
        private string? _token;

        public async Task<string> GetAsync(CancellationToken cancellationToken)
        {
            if (_token is { } cached)
            {
                return cached;
            }

            using var content = new FormUrlEncodedContent(
            [
                new("client_id", MimecastSimulatorDefaults.ClientId),
                new("client_secret", MimecastSimulatorDefaults.ClientSecret),
                new("grant_type", "client_credentials"),
            ]);
            using var response = await http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync(MimecastJsonContext.Default.OAuthTokenResponse, cancellationToken).ConfigureAwait(false);
            return _token = body!.AccessToken!;
        }
    }
}
