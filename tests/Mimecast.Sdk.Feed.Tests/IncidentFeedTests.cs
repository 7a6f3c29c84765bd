using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Models;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

public sealed class IncidentFeedTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeMimecastClient _client = new();
    private readonly InMemoryCheckpointStoreForTests _store = new();

    private MimecastIncidentFeed Feed(MimecastIncidentFeedOptions? options = null, IMimecastCheckpointStore? store = null) =>
        new(_client, store ?? _store, options ?? Options(), _time);

    [Fact]
    public async Task FirstPoll_StartsAtNowMinusLookback_OldestFirst_WithPageSize()
    {
        var feed = Feed(Options(pageSize: 7));
        _time.Advance(TimeSpan.FromMilliseconds(700));

        var batch = await feed.PollAsync();

        Assert.Empty(batch.Events);
        Assert.Equal(3, _client.Queries.Count);
        Assert.All(_client.Queries, q =>
        {
            Assert.Equal(Now - TimeSpan.FromHours(24), q.From);
            Assert.True(q.OldestFirst);
            Assert.Equal(7, q.PageSize);
        });
        Assert.IsType<TtpUrlLogQuery>(_client.Queries[0]);
        Assert.IsType<TtpAttachmentLogQuery>(_client.Queries[1]);
        Assert.IsType<TtpImpersonationLogQuery>(_client.Queries[2]);

        // The window start is stored on commit, so a later poll does not slide it forward.
        await batch.CommitAsync();
        var state = await _store.LoadStateAsync(string.Empty);
        Assert.Equal(Now - TimeSpan.FromHours(24), state!.Get(TtpEventKind.Url)!.Time);
        _time.Advance(TimeSpan.FromHours(2));
        _client.Queries.Clear();
        await feed.PollAsync();
        Assert.All(_client.Queries, q => Assert.Equal(Now - TimeSpan.FromHours(24) - Overlap, q.From)); // the window plus its detection zone
    }

    [Fact]
    public async Task SameSecondAcrossPageBoundary_DeliveredOnce_ThenQueriedFromThatSecond()
    {
        var t = Now.AddMinutes(-5);
        for (var i = 0; i < 5; i++)
        {
            _client.UrlLogs.Add(Url(t.AddMilliseconds(i * 10), user: $"u{i}@example.com"));
        }

        var feed = Feed(Options(TtpEventKinds.Url, pageSize: 2));
        var first = await feed.PollAsync();
        Assert.Equal(5, first.Events.Count);
        Assert.Equal(5, first.Events.Select(e => e.Id).Distinct().Count());
        // Page 1 holds only that second, so the second is asked again on one wide page, never across a page boundary.
        Assert.Equal(2, _client.PageCalls);
        Assert.Equal(500, _client.Queries[^1].PageSize);
        Assert.False(first.HasMore);
        await first.CommitAsync();

        // The window starts OverlapWindow behind the newest delivered event and holds every identity in it.
        var checkpoint = (await _store.LoadStateAsync(string.Empty))!.Get(TtpEventKind.Url)!;
        Assert.Equal(t - Overlap, checkpoint.Time);
        Assert.Equal(first.Events.Select(e => e.Id).ToHashSet(), checkpoint.Ids().ToHashSet());

        _client.Queries.Clear();
        var second = await feed.PollAsync();
        Assert.Empty(second.Events);
        Assert.Equal(t - Overlap - Overlap, _client.Queries[0].From); // the window plus its detection zone
        await second.CommitAsync();

        // New records in the same second and later are picked up, the old ones are not repeated.
        _client.UrlLogs.Add(Url(t.AddMilliseconds(900), user: "late@example.com"));
        _client.UrlLogs.Add(Url(t.AddSeconds(3), user: "next@example.com"));
        var third = await feed.PollAsync();
        Assert.Equal(["late@example.com", "next@example.com"], third.Events.Select(e => e.UrlLog!.UserEmailAddress));
    }

    [Fact]
    public async Task ASecondLargerThanAWidePage_IsReadAcrossPages_EveryRecordOnce()
    {
        var t = Now.AddMinutes(-5);
        for (var i = 0; i < 600; i++)
        {
            _client.UrlLogs.Add(Url(t, user: $"u{i}@example.com"));
        }

        _client.UrlLogs.Add(Url(t.AddSeconds(1), user: "after@example.com"));
        var feed = Feed(Options(TtpEventKinds.Url, pageSize: 2));
        var batch = await feed.PollAsync();

        // 2 records (one second only) → the second again on a 500-record page → still one second: its token is followed.
        Assert.Equal(601, batch.Events.Count);
        Assert.Equal(601, batch.Events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3, _client.PageCalls);
    }

    [Fact]
    public async Task MaxEventsPerPoll_CutsASecondInHalf_WithoutLossOrRepeat()
    {
        var t = Now.AddMinutes(-1);
        for (var i = 0; i < 5; i++)
        {
            _client.UrlLogs.Add(Url(t, user: $"u{i}@example.com"));
        }

        _client.UrlLogs.Add(Url(t.AddSeconds(1), user: "after@example.com"));
        var feed = Feed(Options(TtpEventKinds.Url, max: 3, pageSize: 2));

        var delivered = new List<MimecastFeedEvent>();
        var hasMore = new List<bool>();
        for (var poll = 0; poll < 5; poll++)
        {
            var batch = await feed.PollAsync();
            delivered.AddRange(batch.Events);
            hasMore.Add(batch.HasMore);
            await batch.CommitAsync();
        }

        Assert.Equal([true, false, false, false, false], hasMore);
        Assert.Equal(6, delivered.Count);
        Assert.Equal(6, delivered.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["u0", "u1", "u2", "u3", "u4", "after"], delivered.Select(e => e.UrlLog!.UserEmailAddress!.Split('@')[0]));

        var checkpoint = (await _store.LoadStateAsync(string.Empty))!.Get(TtpEventKind.Url)!;
        Assert.Equal(t.AddSeconds(1) - Overlap, checkpoint.Time);
        Assert.Equal(6, checkpoint.Ids().Count());
    }

    [Fact]
    public async Task MaxEventsPerPoll_StopsAtSecondBoundary_KeepsFullSecond()
    {
        var t = Now.AddMinutes(-1);
        _client.UrlLogs.Add(Url(t, user: "a@example.com"));
        _client.UrlLogs.Add(Url(t, user: "b@example.com"));
        _client.UrlLogs.Add(Url(t.AddSeconds(2), user: "c@example.com"));
        var feed = Feed(Options(TtpEventKinds.Url, max: 2));

        var first = await feed.PollAsync();
        Assert.True(first.HasMore);
        Assert.Equal(t - Overlap, first.NewState.Get(TtpEventKind.Url)!.Time);
        Assert.Equal(2, first.NewState.Get(TtpEventKind.Url)!.Delivered.Count);
        await first.CommitAsync();

        var second = await feed.PollAsync();
        Assert.Equal("c@example.com", Assert.Single(second.Events).UrlLog!.UserEmailAddress);
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task IdenticalRecords_InOneSecond_AreAllDelivered_WithOccurrenceCounter()
    {
        var t = Now.AddMinutes(-2);
        _client.UrlLogs.Add(Url(t));
        _client.UrlLogs.Add(Url(t));
        _client.AttachmentLogs.Add(Attachment(t));
        _client.AttachmentLogs.Add(Attachment(t));
        var feed = Feed(Options(TtpEventKinds.Url | TtpEventKinds.Attachment));

        var first = await feed.PollAsync();
        Assert.Equal(4, first.Events.Count);
        var urlIds = first.Events.Where(e => e.Kind == TtpEventKind.Url).Select(e => e.Id).ToList();
        Assert.Matches("^[0-9a-f]{64}#1$", urlIds[0]);
        Assert.Equal(urlIds[0][..^1] + "2", urlIds[1]);
        var attachmentIds = first.Events.Where(e => e.Kind == TtpEventKind.Attachment).Select(e => e.Id).ToList();
        Assert.NotEqual(urlIds[0], attachmentIds[0]);
        Assert.EndsWith("#2", attachmentIds[1], StringComparison.Ordinal);
        await first.CommitAsync();

        Assert.Empty((await feed.PollAsync()).Events);

        // A third identical click in the same second is a new event.
        _client.UrlLogs.Add(Url(t));
        var third = await feed.PollAsync();
        Assert.Equal(urlIds[0][..^1] + "3", Assert.Single(third.Events).Id);
    }

    [Fact]
    public async Task Identity_IsStable_AcrossFeedsAndDependsOnFields()
    {
        var t = Now.AddMinutes(-2);
        _client.UrlLogs.Add(Url(t));
        var a = (await Feed().PollAsync()).Events.Single();
        var b = (await new MimecastIncidentFeed(_client, new InMemoryCheckpointStoreForTests(), Options(), _time).PollAsync()).Events.Single();
        Assert.Equal(a.Id, b.Id);

        _client.UrlLogs[0] = Url(t, url: "https://bad.example/other");
        var c = (await new MimecastIncidentFeed(_client, new InMemoryCheckpointStoreForTests(), Options(), _time).PollAsync()).Events.Single();
        Assert.NotEqual(a.Id, c.Id);
    }

    [Fact]
    public async Task Identity_IsPinned_SoUpgradesDoNotRedeliver()
    {
        // Changing the identity scheme would make every checkpointed second deliver its events again: pin it.
        var t = new DateTimeOffset(2026, 11, 24, 11, 15, 30, TimeSpan.Zero);
        _client.UrlLogs.Add(Url(t));
        _client.AttachmentLogs.Add(Attachment(t));
        _client.ImpersonationLogs.Add(Impersonation(null, t));
        _client.ImpersonationLogs.Add(Impersonation("imp-7", t));
        var ids = (await Feed().PollAsync()).Events.Select(e => e.Id).ToList();
        Assert.Equal(PinnedIds, ids);
    }

    private static readonly string[] PinnedIds = [
        "ef5e4c07eb2495b5853b806569b6ad19dc9b417cc301c8879d08b6d25fa1cfa0#1",
        "a650ff1e7dadfaeba9d3e360105e75e16655913aa07b1f96965cf5bfa1efb782#1",
        "d274eb049969a782b9896523a807dc9c20878aa1b73a30e09fa1616659ab32ce#1",
        "imp-7",
    ];

    [Fact]
    public async Task Impersonation_UsesMimecastId_AndTypedStreamHasExactlyOneRecord()
    {
        var t = Now.AddMinutes(-3);
        _client.UrlLogs.Add(Url(t));
        _client.AttachmentLogs.Add(Attachment(t));
        _client.ImpersonationLogs.Add(Impersonation("imp-1", t));
        _client.ImpersonationLogs.Add(Impersonation("imp-2", t));
        var feed = new MimecastIncidentFeed(_client, _store, Options(customer: "acme"), _time);

        var batch = await feed.PollAsync();

        Assert.Equal([TtpEventKind.Url, TtpEventKind.Attachment, TtpEventKind.Impersonation, TtpEventKind.Impersonation], batch.Events.Select(e => e.Kind));
        Assert.Equal(["imp-1", "imp-2"], batch.Events.Where(e => e.Kind == TtpEventKind.Impersonation).Select(e => e.Id));
        Assert.All(batch.Events, e =>
        {
            Assert.Equal("acme", e.CustomerName);
            Assert.Equal(t, e.Time);
            Assert.False(e.IsTimeEstimated);
            Assert.Equal(1, new object?[] { e.UrlLog, e.AttachmentLog, e.ImpersonationLog }.Count(r => r is not null));
        });
        Assert.NotNull(batch.Events[0].UrlLog);
        Assert.NotNull(batch.Events[1].AttachmentLog);
        Assert.NotNull(batch.Events[2].ImpersonationLog);
        await batch.CommitAsync();
        Assert.Equal(["imp-1", "imp-2"], (await _store.LoadStateAsync("acme"))!.Get(TtpEventKind.Impersonation)!.Ids().Order());
    }

    [Fact]
    public async Task RecordWithoutTime_IsDeliveredWithEstimatedTime_AndNotRepeated()
    {
        var t = Now.AddMinutes(-3);
        _client.UrlLogs.Add(Url(t.AddMilliseconds(250), user: "timed@example.com"));
        _client.UrlLogs.Add(Url(null, user: "timeless@example.com"));
        var feed = Feed(Options(TtpEventKinds.Url));

        var batch = await feed.PollAsync();

        Assert.Equal(2, batch.Events.Count);
        var timeless = batch.Events[1];
        Assert.True(timeless.IsTimeEstimated);
        Assert.Equal(t, timeless.Time);
        Assert.Null(timeless.UrlLog!.Date);
        await batch.CommitAsync();
        Assert.Empty((await feed.PollAsync()).Events);
    }

    [Fact]
    public async Task UncommittedBatch_IsDeliveredAgain_AndStaleBatchCannotBeCommitted()
    {
        _client.UrlLogs.Add(Url(Now.AddMinutes(-1)));
        var feed = Feed(Options(TtpEventKinds.Url));

        var first = await feed.PollAsync();
        var again = await feed.PollAsync();
        Assert.Equal(first.Events.Select(e => e.Id), again.Events.Select(e => e.Id));

        await again.CommitAsync();
        await again.CommitAsync(); // idempotent
        Assert.True(again.IsCommitted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.CommitAsync());
        Assert.Empty((await feed.PollAsync()).Events);
    }

    [Fact]
    public async Task FailureMidPoll_CommitsNothing_NextPollResumes()
    {
        var t = Now.AddMinutes(-1);
        for (var i = 0; i < 4; i++)
        {
            _client.UrlLogs.Add(Url(t.AddSeconds(i), user: $"u{i}@example.com"));
        }

        _client.BeforePage = (call, _) => call == 2 ? throw new MimecastApiException("boom") : Task.CompletedTask;
        var feed = Feed(Options(TtpEventKinds.Url, pageSize: 2));
        await Assert.ThrowsAsync<MimecastApiException>(() => feed.PollAsync());
        Assert.Null(await _store.LoadStateAsync(string.Empty));

        _client.BeforePage = null;
        var batch = await feed.PollAsync();
        Assert.Equal(4, batch.Events.Count);
    }

    [Fact]
    public async Task CancellationMidPoll_CommitsNothing()
    {
        _client.UrlLogs.Add(Url(Now.AddMinutes(-1)));
        using var cts = new CancellationTokenSource();
        _client.BeforePage = (call, _) =>
        {
            if (call == 2)
            {
                cts.Cancel();
            }

            return Task.CompletedTask;
        };
        var feed = Feed();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed.PollAsync(cts.Token));
        Assert.Null(await _store.LoadStateAsync(string.Empty));
    }

    [Fact]
    public async Task RecordsOlderThanTheCheckpoint_AreSkipped()
    {
        var t = Now.AddMinutes(-1);
        await _store.SaveAsync(string.Empty, MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(t)));
        _client.IgnoreFrom = true; // a server that lists records before "from"
        _client.UrlLogs.Add(Url(t.AddSeconds(-10), user: "old@example.com"));
        _client.UrlLogs.Add(Url(t.AddSeconds(1), user: "new@example.com"));
        var feed = Feed(Options(TtpEventKinds.Url));
        var batch = await feed.PollAsync();
        Assert.Equal("new@example.com", Assert.Single(batch.Events).UrlLog!.UserEmailAddress);
    }

    [Fact]
    public async Task KindsSubset_QueriesOnlyThoseKinds()
    {
        _client.UrlLogs.Add(Url(Now.AddMinutes(-1)));
        _client.ImpersonationLogs.Add(Impersonation("i", Now.AddMinutes(-1)));
        var feed = Feed(Options(TtpEventKinds.Impersonation));
        var batch = await feed.PollAsync();
        Assert.Equal(TtpEventKind.Impersonation, Assert.Single(batch.Events).Kind);
        Assert.IsType<TtpImpersonationLogQuery>(Assert.Single(_client.Queries));
        await batch.CommitAsync();
        var state = await _store.LoadStateAsync(string.Empty);
        Assert.Equal([TtpEventKind.Impersonation], state!.Checkpoints.Keys);
    }

    [Fact]
    public async Task ConcurrentPoll_IsRefused()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.BeforePage = (_, _) => gate.Task;
        var feed = Feed();
        var running = feed.PollAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => feed.PollAsync());
        gate.SetResult();
        await running;
    }

    [Fact]
    public async Task RunAsync_PollsAtInterval_OnTheTimeProvider()
    {
        var t = Now.AddMinutes(-1);
        _client.UrlLogs.Add(Url(t, user: "first@example.com"));
        var feed = Feed(Options(TtpEventKinds.Url));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // safety net only
        await using var run = feed.RunAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await run.MoveNextAsync());
        Assert.Equal("first@example.com", Assert.Single(run.Current.Events).UrlLog!.UserEmailAddress);
        await run.Current.CommitAsync();

        _client.UrlLogs.Add(Url(t.AddSeconds(5), user: "second@example.com"));
        var next = run.MoveNextAsync().AsTask();
        var callsBefore = _client.PageCalls;
        Assert.False(next.IsCompleted);
        Assert.Equal(callsBefore, _client.PageCalls); // waiting for the interval, no poll yet
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await next);
        Assert.Equal("second@example.com", Assert.Single(run.Current.Events).UrlLog!.UserEmailAddress);
        await run.Current.CommitAsync();

        var third = run.MoveNextAsync().AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }

    [Fact]
    public async Task RunAsync_PollsAgainRightAway_WhenMoreIsWaiting()
    {
        var t = Now.AddMinutes(-1);
        for (var i = 0; i < 3; i++)
        {
            _client.UrlLogs.Add(Url(t, user: $"u{i}@example.com"));
        }

        var feed = Feed(Options(TtpEventKinds.Url, max: 2));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var run = feed.RunAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await run.MoveNextAsync());
        Assert.True(run.Current.HasMore);
        await run.Current.CommitAsync();
        Assert.True(await run.MoveNextAsync()); // no time advance needed
        Assert.Single(run.Current.Events);
        await cts.CancelAsync();
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentException>(() => Feed(new MimecastIncidentFeedOptions { Kinds = TtpEventKinds.None }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Feed(new MimecastIncidentFeedOptions { MaxEventsPerPoll = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Feed(new MimecastIncidentFeedOptions { PageSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Feed(new MimecastIncidentFeedOptions { InitialLookback = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task AddMimecastIncidentFeed_ResolvesFeedOverNamedClient()
    {
        var factory = new FakeFactory(new Dictionary<string, FakeMimecastClient> { ["acme"] = _client });
        _client.UrlLogs.Add(Url(Now.AddMinutes(-1)));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<IMimecastClientFactory>(factory)
            .AddSingleton<IMimecastCheckpointStore>(_store)
            .AddMimecastIncidentFeed(o =>
            {
                o.CustomerName = "acme";
                o.Kinds = TtpEventKinds.Url;
            });
        await using var provider = services.BuildServiceProvider();
        var feed = provider.GetRequiredKeyedService<MimecastIncidentFeed>("acme");
        Assert.Equal("acme", feed.CustomerName);
        var batch = await feed.PollAsync();
        Assert.Single(batch.Events);
        await batch.CommitAsync();
        Assert.NotNull(await _store.LoadStateAsync("acme"));
    }

    internal sealed class FakeFactory(IReadOnlyDictionary<string, FakeMimecastClient> clients) : IMimecastClientFactory
    {
        public IMimecastClient CreateClient(string name) => clients[name];
    }
}
