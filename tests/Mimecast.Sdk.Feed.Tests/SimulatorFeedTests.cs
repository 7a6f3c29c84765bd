using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>End-to-end: the feed over the real SDK client against the embedded simulator on 127.0.0.1.</summary>
public sealed class SimulatorFeedTests : IDisposable
{
    private static readonly DateTimeOffset Now = FeedTestData.Now;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mimecast-feed-e2e", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static MimecastIncidentFeedOptions FeedOptions(int max = 1000, int pageSize = 500, string customer = "") => new()
    {
        MaxEventsPerPoll = max,
        PageSize = pageSize,
        CustomerName = customer,
        InitialLookback = TimeSpan.FromDays(7),
    };

    /// <summary>Polls and commits until a poll delivers nothing new (bounded); returns every committed event.</summary>
    private static async Task<List<MimecastFeedEvent>> DrainAsync(MimecastIncidentFeed feed, int maxPolls = 50)
    {
        var delivered = new List<MimecastFeedEvent>();
        for (var i = 0; i < maxPolls; i++)
        {
            var batch = await feed.PollAsync();
            delivered.AddRange(batch.Events);
            await batch.CommitAsync();
            if (batch.Events.Count == 0)
            {
                return delivered;
            }
        }

        throw new InvalidOperationException("The feed did not drain within the poll bound.");
    }

    private static void AssertExactlyOnce(SimulatorHarness h, IReadOnlyCollection<MimecastFeedEvent> delivered, string? account = null)
    {
        Assert.Equal(delivered.Count, delivered.Select(e => (e.Kind, e.Id)).Distinct().Count());
        Assert.Equal(SimulatorHarness.Sorted(h.ExpectedKeys(account)), SimulatorHarness.Sorted(delivered.Select(SimulatorHarness.KeyOf)));
    }

    [Fact]
    public async Task SameTimestampAcrossPageBoundary_DeliveredExactlyOnce()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time));
        var t = Now.AddMinutes(-10);
        h.Simulator.Records<SimulatorUrlLog>().Add(7, t);
        h.Simulator.Records<SimulatorUrlLog>().Add(3, t.AddSeconds(1));
        h.Simulator.Records<SimulatorAttachmentLog>().Add(5, t);
        h.Simulator.Records<SimulatorImpersonationLog>().Add(5, t);
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), FeedOptions(pageSize: 3), time);

        var first = await feed.PollAsync();
        Assert.Equal(20, first.Events.Count);
        Assert.False(first.HasMore);
        await first.CommitAsync();
        Assert.Empty((await feed.PollAsync()).Events);
        AssertExactlyOnce(h, first.Events);
    }

    [Fact]
    public async Task MaxEventsPerPoll_MidSecond_OverSimulator_UnionIsExact()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time, url: 120, attachment: 60, impersonation: 40));
        var t = Now.AddMinutes(-1);
        h.Simulator.Records<SimulatorUrlLog>().Add(9, t); // one second, cut by max 4
        var feed = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(_dir), FeedOptions(max: 4, pageSize: 3), time);

        var delivered = await DrainAsync(feed, maxPolls: 100);

        AssertExactlyOnce(h, delivered);
    }

    [Fact]
    public async Task EventsAppendedBetweenPolls_AreDeliveredOnce()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time, url: 250, attachment: 120, impersonation: 60));
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), FeedOptions(pageSize: 100), time);
        var delivered = await DrainAsync(feed);
        AssertExactlyOnce(h, delivered);

        // New records in the very second of the checkpoint, and later ones.
        var lastUrlSecond = h.Simulator.Records<SimulatorUrlLog>().All()[^1].Date;
        h.Simulator.Records<SimulatorUrlLog>().Add(4, lastUrlSecond);
        time.Advance(TimeSpan.FromMinutes(1));
        h.Simulator.Records<SimulatorUrlLog>().Add(2, time.GetUtcNow());
        h.Simulator.Records<SimulatorAttachmentLog>().Add(3, time.GetUtcNow());
        h.Simulator.Records<SimulatorImpersonationLog>().Add(2, h.Simulator.Records<SimulatorImpersonationLog>().All()[^1].EventTime);

        var next = await feed.PollAsync();
        Assert.Equal(11, next.Events.Count);
        await next.CommitAsync();
        delivered.AddRange(next.Events);
        Assert.Empty((await feed.PollAsync()).Events);
        AssertExactlyOnce(h, delivered);
    }

    [Fact]
    public async Task ServerErrorAndRateLimit_MidPoll_AreAbsorbedByTheClient()
    {
        // The simulator and the client share the system clock here so the 429 reset is honoured for real (a few ms).
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(TimeProvider.System, url: 250, attachment: 120, impersonation: 60));
        h.Simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(20);
        var client = new InterceptingClient(h.Client, call =>
        {
            if (call == 2)
            {
                h.Simulator.Faults.Enqueue(SimulatorFault.ServerError);
            }
            else if (call == 4)
            {
                h.Simulator.Faults.Enqueue(SimulatorFault.RateLimited);
            }
            else if (call == 6)
            {
                h.Simulator.Faults.Enqueue(SimulatorFault.ServerError);
                h.Simulator.Faults.Enqueue(SimulatorFault.RateLimited);
            }
        });
        var feed = new MimecastIncidentFeed(client, new InMemoryCheckpointStoreForTests(), FeedOptions(pageSize: 50), new FakeTimeProvider(DateTimeOffset.UtcNow));

        var batch = await feed.PollAsync();
        await batch.CommitAsync();

        Assert.True(client.Calls >= 7);
        Assert.Equal(0, h.Simulator.Faults.PendingCount);
        Assert.Equal(2, h.Simulator.Journal.CountStatus(503));
        Assert.Equal(2, h.Simulator.Journal.CountStatus(429));
        Assert.Equal(0, h.Simulator.RequestsDuringWait);
        AssertExactlyOnce(h, batch.Events);
    }

    [Fact]
    public async Task CrashWithoutAccepting_ThenRestartFromFile_DeliversEverythingOnce()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time, url: 250, attachment: 120, impersonation: 60));
        var accepted = new List<MimecastFeedEvent>();

        // Process 1: accepts two batches, then polls a third and "crashes" before accepting it.
        var feed1 = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(_dir), FeedOptions(max: 40, pageSize: 25), time);
        for (var i = 0; i < 2; i++)
        {
            var batch = await feed1.PollAsync();
            Assert.NotEmpty(batch.Events);
            accepted.AddRange(batch.Events);
            await batch.CommitAsync();
        }

        var lost = await feed1.PollAsync();
        Assert.NotEmpty(lost.Events);

        // ...and a poll cancelled in the middle (the process is being killed).
        using var cts = new CancellationTokenSource();
        var cancelling = new MimecastIncidentFeed(new InterceptingClient(h.Client, call =>
        {
            if (call == 3)
            {
                cts.Cancel();
            }
        }), new FileCheckpointStore(_dir), FeedOptions(max: 40, pageSize: 25), time);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelling.PollAsync(cts.Token));

        // New records arrive while the process is down.
        time.Advance(TimeSpan.FromMinutes(5));
        h.Simulator.Records<SimulatorUrlLog>().Add(3, time.GetUtcNow());
        h.Simulator.Records<SimulatorImpersonationLog>().Add(3, time.GetUtcNow());

        // Process 2: a fresh feed over the same folder resumes after the accepted batches.
        var feed2 = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(_dir), FeedOptions(max: 40, pageSize: 25), time);
        accepted.AddRange(await DrainAsync(feed2, maxPolls: 100));

        AssertExactlyOnce(h, accepted);
        Assert.All(lost.Events, e => Assert.Contains(accepted, a => a.Kind == e.Kind && a.Id == e.Id));
    }

    [Fact]
    public async Task CorruptCheckpointFile_FailsWithTypedError_MissingFile_StartsFresh()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time, url: 250, attachment: 120, impersonation: 60));
        var store = new FileCheckpointStore(_dir);

        // Missing file: a fresh start from now − InitialLookback (1 hour here).
        var options = FeedOptions();
        options.InitialLookback = TimeSpan.FromHours(1);
        var fresh = new MimecastIncidentFeed(h.Client, store, options, time);
        var batch = await fresh.PollAsync();
        var windowStart = Now.AddHours(-1);
        var expected = h.Simulator.Records<SimulatorUrlLog>().All().Count(l => l.Date >= windowStart)
            + h.Simulator.Records<SimulatorAttachmentLog>().All().Count(l => l.Date >= windowStart)
            + h.Simulator.Records<SimulatorImpersonationLog>().All().Count(l => l.EventTime >= windowStart);
        Assert.Equal(expected, batch.Events.Count);
        Assert.All(batch.Events, e => Assert.True(e.Time >= windowStart));
        await batch.CommitAsync();
        Assert.True(File.Exists(store.GetPath(string.Empty)));

        // Corrupt file: the typed error with the path, on every poll, and nothing is overwritten.
        await File.WriteAllTextAsync(store.GetPath(string.Empty), "{\"format\":\"mimecast-feed-checkpoint\",\"version\":1,\"custo");
        var feed = new MimecastIncidentFeed(h.Client, store, FeedOptions(), time);
        var ex = await Assert.ThrowsAsync<MimecastCheckpointException>(() => feed.PollAsync());
        Assert.Equal(store.GetPath(string.Empty), ex.Path);
        await Assert.ThrowsAsync<MimecastCheckpointException>(() => feed.PollAsync());
        Assert.EndsWith("\"custo", await File.ReadAllTextAsync(store.GetPath(string.Empty)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OnFakeTime_PicksUpAppendedEvents()
    {
        // Simulator and client on one FakeTimeProvider (registered before AddMimecastClient); the feed waits on its own.
        var shared = new FakeTimeProvider(Now);
        var feedTime = new SignalingTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(shared, url: 30, attachment: 10, impersonation: 10), shared);
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), FeedOptions(pageSize: 20), feedTime);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // safety net only
        var delivered = new List<MimecastFeedEvent>();
        await using var run = feed.RunAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await run.MoveNextAsync());
        delivered.AddRange(run.Current.Events);
        await run.Current.CommitAsync();
        AssertExactlyOnce(h, delivered);

        shared.Advance(TimeSpan.FromSeconds(30));
        h.Simulator.Records<SimulatorAttachmentLog>().Add(4, shared.GetUtcNow());
        var next = run.MoveNextAsync().AsTask();
        await feedTime.WaitForTimersAsync(1);
        Assert.False(next.IsCompleted);
        feedTime.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await next);
        Assert.Equal(4, run.Current.Events.Count);
        delivered.AddRange(run.Current.Events);
        await run.Current.CommitAsync();
        AssertExactlyOnce(h, delivered);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task MultiCustomer_BoundedParallelism_CheckpointsPerCustomer()
    {
        var time = new FakeTimeProvider(Now);
        var options = SimulatorHarness.Options(time, url: 80, attachment: 40, impersonation: 20);
        options.Accounts.Add(SimulatorAccount.Create("soc@acme.example", 11));
        options.Accounts.Add(SimulatorAccount.Create("soc@globex.example", 12));
        options.Accounts.Add(SimulatorAccount.Create("soc@initech.example", 13));
        await using var h = await SimulatorHarness.StartAsync(options);
        string[] customers = ["soc@acme.example", "soc@globex.example", "soc@initech.example"];
        var store = new FileCheckpointStore(_dir);
        var multi = MimecastMultiCustomerFeed.Create(h.Factory, store, customers, FeedOptions(max: 50, pageSize: 30), 2, time);
        var delivered = new System.Collections.Concurrent.ConcurrentQueue<MimecastFeedEvent>();

        for (var round = 0; round < 20; round++)
        {
            var results = await multi.PollOnceAsync((batch, _) =>
            {
                foreach (var e in batch.Events)
                {
                    delivered.Enqueue(e);
                }

                return ValueTask.CompletedTask;
            });
            Assert.All(results, r => Assert.Null(r.Error));
            if (results.All(r => r.EventCount == 0))
            {
                break;
            }
        }

        foreach (var customer in customers)
        {
            AssertExactlyOnce(h, delivered.Where(e => e.CustomerName == customer).ToList(), customer);
            Assert.True(File.Exists(store.GetPath(customer)));
        }
    }
}
