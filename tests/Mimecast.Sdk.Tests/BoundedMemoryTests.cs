using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// A long-lived service (an MSSP's collector) adds and removes customers for months: what the SDK keeps for a
/// customer (context, retry pipeline, client, quota bucket, call pacer) must go when the customer goes.
/// GC.GetTotalMemory is process-wide: the class runs alone, after the parallel tests.
/// </summary>
[Collection(nameof(BoundedMemoryTests))]
public class BoundedMemoryTests
{
    private static string Key(int i) => $"access-key-{i:D5}";

    private static string Secret(int i) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"secret-of-customer-{i:D5}-0123456789abcdef"));

    [Fact]
    public async Task Ten_thousand_customers_added_called_and_removed_leave_memory_where_it_was()
    {
        await using var h = SdkHarness.Start(services: (s, harness) => s.AddMimecastClients((name, o) =>
        {
            if (!name.StartsWith("customer-", StringComparison.Ordinal))
            {
                return;
            }

            var n = int.Parse(name.AsSpan("customer-".Length), System.Globalization.CultureInfo.InvariantCulture);
            harness.Configure(o, MimecastApiGeneration.Api1);
            o.Api1!.AccessKey = Key(n);
            o.Api1.SecretKey = Secret(n);
        }));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        var factory = h.Services.GetRequiredService<IMimecastClientFactory>();
        var cache = h.Services.GetRequiredService<IOptionsMonitorCache<MimecastClientOptions>>();

        async Task Churn(int from, int count)
        {
            // Bounded: count / 50 batches of 50 concurrent customers, each call bounded in time.
            for (var start = from; start < from + count; start += 50)
            {
                var batch = Enumerable.Range(start, 50).Select(async i =>
                {
                    var page = await factory.CreateClient($"customer-{i}").Ttp.GetUrlLogsPageAsync(null, null);
                    Assert.Single(page.Items);
                });
                await Task.WhenAll(batch).WaitAsync(TimeSpan.FromSeconds(60));
                for (var i = start; i < start + 50; i++)
                {
                    Assert.True(cache.TryRemove($"customer-{i}"));
                }

                // What the test's own recorders keep is not the SDK's: cleared per batch, so their capacity stays small.
                h.Server.ResetLogEntries();
                h.Sent.Clear();
                h.Logs.Clear();
            }
        }

        await Churn(0, 1_000);
        var before = Settled();
        await Churn(1_000, 10_000);
        var after = Settled();

        // A retained customer context costs kilobytes (a retry pipeline alone is several): before contexts, pipelines,
        // buckets and pacers were released, 9,000 churned customers grew the heap by ~58 MB; while the factory still
        // cached one client per name (it held the API 1.0 host discover named), by ~5 MB. Now nothing per name outlives
        // the customer's options: what is left is noise (the test's own recorders, runtime caches), well under 2 MB.
        var grown = after - before;
        Assert.True(grown < 2 * 1024 * 1024, $"Memory grew by {grown / 1024} KB over 10,000 customers added and removed ({before / 1024} KB -> {after / 1024} KB).");
    }

    [Fact]
    public async Task A_pending_quota_reset_survives_the_customer_being_reconfigured_and_a_full_garbage_collection()
    {
        await using var h = SdkHarness.Start(configure: o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(30));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(100, 0, 120_000));
        await h.Services.GetRequiredService<IMimecastClientFactory>().CreateClient(string.Empty).Ttp.GetUrlLogsPageAsync(null, null);

        // The customer's options are reloaded (same credentials): its context is dropped and, after a collection, rebuilt.
        Assert.True(h.Services.GetRequiredService<IOptionsMonitorCache<MimecastClientOptions>>().TryRemove(Options.DefaultName));
        Settled();

        var e = await Assert.ThrowsAsync<MimecastRateLimitException>(
            () => h.Services.GetRequiredService<IMimecastClientFactory>().CreateClient(string.Empty).Ttp.GetUrlLogsPageAsync(null, null));
        Assert.Equal(TimeSpan.FromMilliseconds(120_000), e.RetryAfter);
        Assert.Single(h.SentTo(Stubs.UrlPath));

        // Once the reset has passed the bucket is let go and the next call goes out.
        h.Time.Advance(TimeSpan.FromMilliseconds(120_000));
        await h.Services.GetRequiredService<IMimecastClientFactory>().CreateClient(string.Empty).Ttp.GetUrlLogsPageAsync(null, null);
        Assert.Equal(2, h.SentTo(Stubs.UrlPath).Count);
    }

    private static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>Runs <see cref="BoundedMemoryTests"/> with no other test of the assembly allocating at the same time.</summary>
[CollectionDefinition(nameof(BoundedMemoryTests), DisableParallelization = true)]
public sealed class BoundedMemoryRunsAlone
{
}
