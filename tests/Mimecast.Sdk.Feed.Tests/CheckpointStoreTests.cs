namespace Mimecast.Sdk.Feed.Tests;

public sealed class CheckpointStoreTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 24, 10, 3, 7, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mimecast-feed-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static MimecastFeedState SampleState() => MimecastFeedState.Empty
        .With(TtpEventKind.Url, StoreTestExtensions.Checkpoint(T.AddMilliseconds(456), "b#1", "a#1"))
        .With(TtpEventKind.Impersonation, StoreTestExtensions.Checkpoint(T.AddSeconds(-30), "imp-9"));

    [Fact]
    public async Task InMemory_RoundTrips_PerCustomer()
    {
        var store = new InMemoryCheckpointStoreForTests();
        Assert.Null(await store.LoadStateAsync("acme"));
        await store.SaveAsync("acme", SampleState());
        Assert.Null(await store.LoadStateAsync("globex"));
        Assert.Equal(T, (await store.LoadStateAsync("acme"))!.Get(TtpEventKind.Url)!.Time);
    }

    [Fact]
    public async Task File_RoundTrips_AndTruncatesToTheSecond()
    {
        var store = new FileCheckpointStore(_dir);
        await store.SaveAsync("acme", SampleState());
        var loaded = await store.LoadStateAsync("acme");

        Assert.NotNull(loaded);
        Assert.Equal(2, loaded.Checkpoints.Count);
        Assert.Equal(T, loaded.Get(TtpEventKind.Url)!.Time);
        Assert.Equal(["a#1", "b#1"], loaded.Get(TtpEventKind.Url)!.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(["imp-9"], loaded.Get(TtpEventKind.Impersonation)!.Ids());
        Assert.Null(loaded.Get(TtpEventKind.Attachment));

        var json = await File.ReadAllTextAsync(store.GetPath("acme"));
        Assert.Contains("\"format\": \"mimecast-feed-checkpoint\"", json, StringComparison.Ordinal);
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"customerName\": \"acme\"", json, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task File_OneFilePerCustomer_NamesNeverCollide()
    {
        var store = new FileCheckpointStore(_dir);
        string[] names = ["", "default", "Acme", "acme", "a/b", "a_b", "../x"];
        Assert.Equal(names.Length, names.Select(store.GetPath).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Equal(Path.GetFullPath(_dir), Path.GetDirectoryName(store.GetPath(n))));

        for (var i = 0; i < names.Length; i++)
        {
            await store.SaveAsync(names[i], MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(T.AddSeconds(i))));
        }

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(T.AddSeconds(i), (await store.LoadStateAsync(names[i]))!.Get(TtpEventKind.Url)!.Time);
        }
    }

    [Fact]
    public async Task File_MissingFileOrFolder_IsAFreshStart()
    {
        Assert.Null(await new FileCheckpointStore(Path.Combine(_dir, "not", "there")).LoadStateAsync("acme"));
        Directory.CreateDirectory(_dir);
        var fresh = await new FileCheckpointStore(_dir).LoadAsync("acme");
        Assert.Null(fresh.State);
        Assert.True(fresh.Version.IsNone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"format\":\"mimecast-feed-checkpoint\",\"version\":1,\"customerName\":\"acme\",\"generation\":1}")]
    [InlineData("{\"format\":\"mimecast-feed-checkpoint\",\"version\":2,\"customerName\":\"acme\"}")]
    [InlineData("{\"format\":\"other\",\"version\":1,\"customerName\":\"acme\"}")]
    [InlineData("{\"format\":\"mimecast-feed-checkpoint\",\"version\":2,\"generation\":1,\"customerName\":\"globex\"}")]
    [InlineData("{\"format\":\"mimecast-feed-checkpoint\",\"version\":2,\"generation\":1,\"customerName\":\"acme\",\"checkpoints\":{\"url\":{\"seenIds\":[]}}}")]
    [InlineData("{\"format\":\"mimecast-feed-checkpoint\",\"version\":2,\"generation\":1,\"customerName\":\"acme\",\"checkpoints\":{\"dns\":{\"time\":\"2026-11-24T10:03:07+00:00\"}}}")]
    [InlineData("{\"format\":\"mimecast-feed-checkpoint\",\"version\":2,\"generation\":1,\"customerName\":\"acme\",\"checkpoints\":{\"url\":{\"time\":\"yesterday\"}}}")]
    public async Task File_Corrupt_ThrowsTypedExceptionWithPath(string content)
    {
        var store = new FileCheckpointStore(_dir);
        Directory.CreateDirectory(_dir);
        var path = store.GetPath("acme");
        await File.WriteAllTextAsync(path, content);

        var ex = await Assert.ThrowsAsync<MimecastCheckpointException>(async () => await store.LoadStateAsync("acme"));
        Assert.Equal(path, ex.Path);
        Assert.Equal("acme", ex.CustomerName);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_ValidEmptyCheckpoints_IsAnEmptyState()
    {
        var store = new FileCheckpointStore(_dir);
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(store.GetPath("acme"), "{\"format\":\"mimecast-feed-checkpoint\",\"version\":2,\"customerName\":\"acme\",\"generation\":3}");
        Assert.Empty((await store.LoadStateAsync("acme"))!.Checkpoints);
    }

    [Fact]
    public async Task File_StrayTempFileFromACrash_IsIgnored_AndSaveReplacesAtomically()
    {
        var store = new FileCheckpointStore(_dir);
        await store.SaveAsync("acme", SampleState());
        var path = store.GetPath("acme");

        // A crash mid-write leaves a partial temporary file beside the intact checkpoint.
        await File.WriteAllTextAsync($"{path}.{Guid.NewGuid():N}.tmp", "{\"format\":\"mimecast-fe");
        Assert.Equal(T, (await store.LoadStateAsync("acme"))!.Get(TtpEventKind.Url)!.Time);

        var next = MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(T.AddHours(1)));
        await store.SaveAsync("acme", next);
        Assert.Equal(T.AddHours(1), (await store.LoadStateAsync("acme"))!.Get(TtpEventKind.Url)!.Time);
        Assert.Single(Directory.GetFiles(_dir, "*.json"));
    }

    [Fact]
    public async Task File_CancelledSave_LeavesPreviousState()
    {
        var store = new FileCheckpointStore(_dir);
        await store.SaveAsync("acme", SampleState());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await store.SaveAsync("acme", MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(T.AddHours(1))), cts.Token));
        Assert.Equal(T, (await store.LoadStateAsync("acme"))!.Get(TtpEventKind.Url)!.Time);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task File_SaveFailure_IsTypedAndLeavesNoTempFile()
    {
        var store = new FileCheckpointStore(_dir);
        Directory.CreateDirectory(store.GetPath("acme")); // a folder where the file should go: the replace fails
        var ex = await Assert.ThrowsAsync<MimecastCheckpointException>(async () => await store.SaveAsync("acme", SampleState()));
        Assert.Equal(store.GetPath("acme"), ex.Path);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task Feed_OverCorruptFile_FailsPoll_WithTypedError()
    {
        var store = new FileCheckpointStore(_dir);
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(store.GetPath(""), "garbage");
        var feed = new MimecastIncidentFeed(new FakeMimecastClient(), store, FeedTestData.Options());
        var ex = await Assert.ThrowsAsync<MimecastCheckpointException>(() => feed.PollAsync());
        Assert.Equal(store.GetPath(""), ex.Path);
    }
}
