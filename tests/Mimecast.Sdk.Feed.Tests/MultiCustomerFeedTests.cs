using Microsoft.Extensions.Time.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

public sealed class MultiCustomerFeedTests
{
    [Fact]
    public async Task PollOnce_BoundsParallelism_KeepsCheckpointsPerCustomer_IsolatesFailures()
    {
        var time = new FakeTimeProvider(Now);
        var clients = new Dictionary<string, FakeMimecastClient>();
        var running = 0;
        var maxRunning = 0;
        for (var i = 0; i < 6; i++)
        {
            var name = $"customer{i}";
            var client = new FakeMimecastClient(name);
            client.UrlLogs.Add(Url(Now.AddMinutes(-1), user: $"{name}@example.com"));
            client.BeforePage = async (_, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                if (name == "customer3")
                {
                    throw new MimecastApiException("customer3 is down");
                }
            };
            clients[name] = client;
        }

        var store = new InMemoryCheckpointStoreForTests();
        var multi = MimecastMultiCustomerFeed.Create(new IncidentFeedTests.FakeFactory(clients), store, clients.Keys, Options(TtpEventKinds.Url), 2, time);
        var handled = new System.Collections.Concurrent.ConcurrentBag<MimecastFeedEvent>();

        var results = await multi.PollOnceAsync((batch, _) =>
        {
            foreach (var e in batch.Events)
            {
                handled.Add(e);
            }

            return ValueTask.CompletedTask;
        });

        Assert.InRange(maxRunning, 1, 2);
        Assert.Equal(clients.Keys, results.Select(r => r.CustomerName));
        Assert.Equal(5, results.Count(r => r.Committed));
        var failed = Assert.Single(results, r => !r.Committed);
        Assert.Equal("customer3", failed.CustomerName);
        Assert.IsType<MimecastApiException>(failed.Error);
        Assert.Equal(5, handled.Count);
        Assert.All(handled, e => Assert.StartsWith(e.CustomerName + "@", e.UrlLog!.UserEmailAddress, StringComparison.Ordinal));
        Assert.Null(await store.LoadStateAsync("customer3"));
        Assert.NotNull(await store.LoadStateAsync("customer0"));

        // Next round: the committed customers have nothing new; the failed one recovers and delivers its event.
        clients["customer3"].BeforePage = null;
        handled.Clear();
        results = await multi.PollOnceAsync((batch, _) =>
        {
            foreach (var e in batch.Events)
            {
                handled.Add(e);
            }

            return ValueTask.CompletedTask;
        });
        Assert.All(results, r => Assert.True(r.Committed));
        Assert.Equal("customer3", Assert.Single(handled).CustomerName);
    }

    [Fact]
    public async Task HandlerFailure_LeavesThatBatchUncommitted()
    {
        var client = new FakeMimecastClient("a");
        client.UrlLogs.Add(Url(Now.AddMinutes(-1)));
        var store = new InMemoryCheckpointStoreForTests();
        var feed = new MimecastIncidentFeed(client, store, Options(TtpEventKinds.Url, customer: "a"), new FakeTimeProvider(Now));
        var multi = new MimecastMultiCustomerFeed([feed], 4);

        var results = await multi.PollOnceAsync((_, _) => throw new InvalidOperationException("sink down"));
        Assert.False(results[0].Committed);
        Assert.Null(await store.LoadStateAsync("a"));

        var count = 0;
        results = await multi.PollOnceAsync((b, _) =>
        {
            count += b.Events.Count;
            return ValueTask.CompletedTask;
        });
        Assert.True(results[0].Committed);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task RunAsync_WaitsThePollInterval_AndStopsOnCancellation()
    {
        var time = new SignalingTimeProvider(Now);
        var client = new FakeMimecastClient("a");
        var feed = new MimecastIncidentFeed(client, new InMemoryCheckpointStoreForTests(), Options(TtpEventKinds.Url, customer: "a"), time);
        var multi = new MimecastMultiCustomerFeed([feed], 1, time);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // safety net only
        var run = multi.RunAsync((_, _) => ValueTask.CompletedTask, cts.Token);

        await time.WaitForTimersAsync(1); // round 1 done, waiting for the interval
        Assert.Equal(1, client.PageCalls);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, client.PageCalls);
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimersAsync(2); // round 2 done
        Assert.Equal(2, client.PageCalls);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void DuplicateCustomers_AreRefused()
    {
        var client = new FakeMimecastClient();
        var store = new InMemoryCheckpointStoreForTests();
        var a = new MimecastIncidentFeed(client, store, Options());
        var b = new MimecastIncidentFeed(client, store, Options());
        Assert.Throws<ArgumentException>(() => new MimecastMultiCustomerFeed([a, b], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MimecastMultiCustomerFeed([a], 0));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
