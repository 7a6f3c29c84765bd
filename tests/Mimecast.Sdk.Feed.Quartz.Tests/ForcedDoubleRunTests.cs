using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mimecast.Sdk.Feed.PostgreSql;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// Quartz's rare double run (quartznet #1758, #2393), forced: two executions of one customer's poll at once, both
/// past their fetch before either commits. The version fencing lets exactly one commit; the other rolls back.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class ForcedDoubleRunTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Two_concurrent_polls_of_one_customer_commit_once_and_the_loser_is_fenced_with_nothing_doubled()
    {
        const string customer = "double";
        await using var cluster = await ClusterHarness.StartAsync([customer], output);
        var services = new ServiceCollection().AddLogging();
        var account = ClusterAccounts.For(customer);
        services.AddMimecastClient(customer, o =>
        {
            o.BaseUrl = cluster.Simulator.BaseUrl;
            o.Api2 = new() { ClientId = account.ClientId, ClientSecret = account.ClientSecret };
        });
        services.AddMetrics();
        services.Configure<MimecastFeedClusterOptions>(o => o.Feed.InitialLookback = TimeSpan.FromHours(72));
        await using var provider = services.BuildServiceProvider();

        var fenced = 0;
        for (var round = 1; round <= 3; round++)
        {
            if (round > 1)
            {
                cluster.AppendEvents(customer);
            }

            // Both executions must have fetched before either commits.
            var bothFetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var arrived = 0;
            Task Rendezvous()
            {
                if (Interlocked.Increment(ref arrived) == 2)
                {
                    bothFetched.SetResult();
                }

                return bothFetched.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            // The cluster's own poller (what each customer's job runs), once per "node", each over its own store instance.
            var first = Poller(provider, new ObservedCheckpointStore(new PostgreSqlCheckpointStore(cluster.DataSource), cluster.DataSource, "node-a", TimeSpan.Zero, TimeProvider.System) { BeforeCommit = Rendezvous });
            var second = Poller(provider, new ObservedCheckpointStore(new PostgreSqlCheckpointStore(cluster.DataSource), cluster.DataSource, "node-b", TimeSpan.Zero, TimeProvider.System) { BeforeCommit = Rendezvous });
            var target = new MimecastFeedCustomer { Name = customer };
            var results = await Task.WhenAll(first.PollAsync(target, CancellationToken.None), second.PollAsync(target, CancellationToken.None));

            Assert.Single(results, r => r.Fenced);
            Assert.Single(results, r => !r.Fenced && r.Events > 0);
            fenced += results.Count(r => r.Fenced);
        }

        Assert.Equal(cluster.ExpectedEvents(customer), await cluster.OutboxRowsAsync(customer));
        Assert.Equal(0, await cluster.DuplicatesAsync());
        Assert.Equal(0, await cluster.JournalMismatchAsync());
        Assert.Equal(fenced, await cluster.FencedCommitsAsync());
        output.WriteLine($"FORCED DOUBLE RUN: 3 rounds, {fenced} fenced commit(s), {await cluster.OutboxRowsAsync(customer)} outbox rows for {cluster.ExpectedEvents(customer)} events, 0 duplicates");
    }

    private static FeedCustomerPoller Poller(IServiceProvider provider, ObservedCheckpointStore store) => new(
        provider.GetRequiredService<IMimecastClientFactory>(), store,
        provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<MimecastFeedClusterOptions>>(),
        TimeProvider.System, NullLoggerFactory.Instance, provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
}
