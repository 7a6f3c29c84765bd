using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Mimecast.Sdk.Benchmarks.Shared;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Benchmarks.EndToEnd.Report;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// Figure 7 (issue 7): N named clients (<c>AddMimecastClient("customer-i", …)</c>, each with its own simulator
/// account), one call each, 8 at a time. Counts handler chains and primary handlers built (an
/// <see cref="IHttpMessageHandlerBuilderFilter"/>), TCP connections opened (System.Net.Http events) and managed memory.
/// The baseline is the naive design with one HttpClient (and so one socket pool) per customer.
/// </summary>
internal static class CustomersScenario
{
    private const int Concurrency = 8;

    public static async Task RunAsync(Scale scale, Report report, CancellationToken cancellationToken)
    {
        // An unmeasured warm-up run: JIT and the previous scenario's garbage must not show up in the first figures.
        await RunOneAsync(5, new Report(), cancellationToken, quiet: true).ConfigureAwait(false);
        foreach (var n in scale.Customers)
        {
            await RunOneAsync(n, report, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RunOneAsync(int n, Report report, CancellationToken cancellationToken, bool quiet = false)
    {
        var console = Console.Out;
        if (quiet)
        {
            Console.SetOut(TextWriter.Null);
        }

        try
        {
            await RunOneCoreAsync(n, report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static async Task RunOneCoreAsync(int n, Report report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"[7] many customers: {n} named clients, one call each, {Concurrency} at a time");
        var accounts = Enumerable.Range(0, n).Select(i => SimulatorAccount.Create($"customer-{i}@example.com", i + 1)).ToArray();
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 2, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
        foreach (var a in accounts)
        {
            options.Accounts.Add(a);
        }

        await using var sim = await MimecastSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);

        // ---- SDK
        using var connections = new ConnectionCounter();
        var filter = new CountingFilter();
        var before = Settle();
        var sw = Stopwatch.StartNew();
        var services = new ServiceCollection();
        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(filter);
        for (var i = 0; i < n; i++)
        {
            var account = accounts[i];
            services.AddMimecastClient($"customer-{i}", o =>
            {
                o.BaseUrl = sim.BaseUrl;
                o.Api1 = Sdk.Api1Options(account);
            });
        }

        await using var provider = services.BuildServiceProvider();
        var registered = sw.Elapsed;
        var factory = provider.GetRequiredService<IMimecastClientFactory>();
        var missing = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var page = await factory.CreateClient($"customer-{i}").Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 1 }, null, ct).ConfigureAwait(false);
            if (page.Items.Count != 1)
            {
                Interlocked.Increment(ref missing);
            }
        }).ConfigureAwait(false);
        var elapsed = sw.Elapsed;
        var after = Settle();
        GC.KeepAlive(provider);
        var sdkBytes = after - before;
        var sdkOpened = connections.Established;
        var sdkPeak = connections.PeakOpen;
        var chains = filter.Builds.GetValueOrDefault("Mimecast.Sdk");
        var primaries = filter.PrimaryHandlers.Count;
        Console.WriteLine($"  SDK: register+build {F(registered.TotalMilliseconds, "0")} ms, total with calls {F(elapsed.TotalMilliseconds, "0")} ms; handler chains built per client name: {string.Join(", ", filter.Builds.Select(p => $"{p.Key}={p.Value}"))}; distinct primary handlers {primaries}; TCP connections opened {sdkOpened}, peak open {sdkPeak}; managed memory +{F(sdkBytes / 1024.0, "0")} KiB ({F(sdkBytes / (double)n / 1024, "0.0")} KiB per customer)");
        if (missing > 0)
        {
            report.Fail($"many customers ({n}): {missing} call(s) returned no record");
        }

        // ---- Baseline: one HttpClient per customer (one socket pool each), hand-signed, same concurrency.
        using var naiveConnections = new ConnectionCounter();
        var naiveBefore = Settle();
        var clients = accounts.Select(a => (Http: new HttpClient(new SocketsHttpHandler()), Signer: new NaiveSigner(a.AppId, a.AppKey, a.AccessKey, a.SecretKey))).ToArray();
        try
        {
            var endpoint = new Uri(sim.BaseUrl, "api/ttp/url/get-logs");
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent("{\"meta\":{\"pagination\":{\"pageSize\":1}},\"data\":[{}]}", Encoding.UTF8, "application/json") };
                clients[i].Signer.Apply(request, DateTimeOffset.UtcNow);
                using var response = await clients[i].Http.SendAsync(request, ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }).ConfigureAwait(false);
            var naiveBytes = Settle() - naiveBefore;
            var naiveOpened = naiveConnections.Established;
            Console.WriteLine($"  baseline (HttpClient per customer): TCP connections opened {naiveOpened}, peak open {naiveConnections.PeakOpen}; primary handlers {n}; managed memory +{F(naiveBytes / 1024.0, "0")} KiB ({F(naiveBytes / (double)n / 1024, "0.0")} KiB per customer)");

            report.Row($"7. {n} customers: handler chains / primary handlers built", $"SDK {chains} / {primaries}", $"HttpClient-per-customer {n} / {n}", F(primaries / (double)n, "0.000"), "1 shared, not per customer", chains == 1 && primaries == 1);
            report.Row($"7. {n} customers: TCP connections opened (peak open)", $"SDK {sdkOpened} ({sdkPeak})", $"{naiveOpened} ({naiveConnections.PeakOpen})", F(sdkOpened / (double)Math.Max(1, naiveOpened), "0.000"), $"≤ {Concurrency} (the call concurrency)", sdkOpened <= Concurrency);
            report.Row($"7. {n} customers: managed memory per customer (info)", $"SDK {F(sdkBytes / (double)n / 1024, "0.0")} KiB", $"{F(naiveBytes / (double)n / 1024, "0.0")} KiB", F(sdkBytes / (double)Math.Max(1, naiveBytes), "0.00") + " ×", "-", null);
            if (chains != 1 || primaries != 1 || sdkOpened > Concurrency)
            {
                report.Fail($"many customers ({n}): {chains} handler chain(s), {primaries} primary handler(s), {sdkOpened} connection(s): the socket pool is not shared");
            }
        }
        finally
        {
            foreach (var c in clients)
            {
                c.Http.Dispose();
            }
        }
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(50);
        }

        return GC.GetTotalMemory(true);
    }

    /// <summary>Counts, per client name, how often IHttpClientFactory builds a handler chain, and the distinct primary handlers.</summary>
    private sealed class CountingFilter : IHttpMessageHandlerBuilderFilter
    {
        public ConcurrentDictionary<string, int> Builds { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<int, byte> PrimaryHandlers { get; } = new();

        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            Builds.AddOrUpdate(builder.Name ?? string.Empty, 1, static (_, c) => c + 1);
            if (string.Equals(builder.Name, "Mimecast.Sdk", StringComparison.Ordinal))
            {
                PrimaryHandlers.TryAdd(RuntimeHelpers.GetHashCode(builder.PrimaryHandler), 0);
            }
        };
    }

    /// <summary>Counts HTTP client connections opened and closed in this process (System.Net.Http EventSource).</summary>
    private sealed class ConnectionCounter : EventListener
    {
        private int _established;
        private int _closed;
        private int _peak;
        private bool _enabled;

        public ConnectionCounter()
        {
            _enabled = true;
            foreach (var source in EventSource.GetSources())
            {
                OnEventSourceCreated(source);
            }
        }

        public int Established => Volatile.Read(ref _established);

        public int PeakOpen => Volatile.Read(ref _peak);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (_enabled && eventSource.Name == "System.Net.Http")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            switch (eventData.EventName)
            {
                case "ConnectionEstablished":
                    var open = Interlocked.Increment(ref _established) - Volatile.Read(ref _closed);
                    InterlockedMax(ref _peak, open);
                    break;
                case "ConnectionClosed":
                    Interlocked.Increment(ref _closed);
                    break;
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
