namespace Mimecast.Sdk.IntegrationTests.Actions;

/// <summary>client.Urls against the simulator, on both generations: decode in bulk, the managed URL list, the lost answer.</summary>
public sealed class UrlActionTests
{
    private const string DecodePath = "/api/ttp/url/decode-url";
    private const string CreatePath = "/api/ttp/url/create-managed-url";

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Decode_splits_into_calls_of_25_and_types_both_failure_channels_per_url(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var originals = Enumerable.Range(0, 28).Select(i => $"https://site{i}.example/page?x={i}").ToList();
        List<string> urls = [.. originals.Select(SimulatorUrls.Rewrite)];
        urls.Insert(3, "https://protect-eu.mimecast.com/s/unknown-token"); // not one of ours: success:false in data
        urls.Insert(10, "not a url");                                      // a keyed fail entry

        var result = await h.Client.Urls.DecodeAsync(urls);

        Assert.Equal(2, h.Simulator.Journal.Entries.Count(e => e.Path == DecodePath));
        Assert.Equal(30, result.Items.Count);
        Assert.Equal(urls, result.Items.Select(i => i.Item));
        Assert.Equal(originals, result.Succeeded.Select(i => i.Result!.Url));
        Assert.Equal("url_not_decoded", result.Items[3].Error?.Code);
        Assert.Equal(MimecastItemStatus.Failed, result.Items[3].Status);
        Assert.Equal("err_validation_invalid_value", result.Items[10].Error?.Code);
        Assert.Throws<MimecastBulkException>(() => result.EnsureSuccess());
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Managed_url_create_exists_conflict_list_and_delete_are_typed_outcomes(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var urls = h.Client.Urls;
        const string Url = "https://evil.example/login";

        var created = await urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = Url, Action = ManagedUrlActions.Block, MatchType = ManagedUrlMatchTypes.Explicit });
        var again = await urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = Url, Action = "BLOCK" });
        var conflict = await urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = Url, Action = ManagedUrlActions.Permit });

        Assert.Equal(ManagedUrlCreateOutcome.Created, created.Outcome);
        Assert.True(created.Entry!.IsBlock);
        Assert.Equal(ManagedUrlCreateOutcome.AlreadyExists, again.Outcome);
        Assert.Equal(ManagedUrlCreateOutcome.Conflict, conflict.Outcome);
        Assert.Equal("block", conflict.Entry?.Action);

        var listed = await urls.GetManagedUrlsAsync(new ManagedUrlQuery { DomainOrUrl = Url, ExactMatch = true }).ToListAsync();
        var entry = Assert.Single(listed);
        var all = await urls.GetManagedUrlsAsync(new ManagedUrlQuery { PageSize = 2 }).ToListAsync();
        Assert.Equal(4, all.Count); // three seeded entries and ours, over two pages
        Assert.Equal(MimecastDeleteOutcome.Deleted, await urls.DeleteManagedUrlAsync(entry.Id!));
        Assert.Equal(MimecastDeleteOutcome.AlreadyAbsent, await urls.DeleteManagedUrlAsync(entry.Id!));
        Assert.Empty(await urls.GetManagedUrlsAsync(new ManagedUrlQuery { DomainOrUrl = Url, ExactMatch = true }).ToListAsync());
    }

    [Fact]
    public async Task A_fragment_is_refused_before_anything_is_sent()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = "https://evil.example/#frag", Action = "block" }));

        Assert.DoesNotContain(h.Simulator.Journal.Entries, e => e.Path == CreatePath);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Create_whose_answer_is_lost_is_sent_once_and_verified_by_a_re_read(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        h.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, CreatePath);

        var result = await h.Client.Urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = "https://lost.example/x", Action = ManagedUrlActions.Block });

        Assert.Equal(ManagedUrlCreateOutcome.CreatedVerified, result.Outcome);
        Assert.Equal("lost.example", result.Entry?.Domain);
        Assert.Equal(1, h.Simulator.Journal.Entries.Count(e => e.Path == CreatePath));
    }

    [Fact]
    public async Task Create_whose_answer_is_a_server_error_and_was_not_applied_is_reported_not_created()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        h.Simulator.Faults.Enqueue(SimulatorFault.ServerError, 1, CreatePath);

        var result = await h.Client.Urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = "https://never.example/x", Action = ManagedUrlActions.Block });

        Assert.Equal(ManagedUrlCreateOutcome.NotCreated, result.Outcome);
        Assert.False(result.IsSuccess);
        Assert.Equal(1, h.Simulator.Journal.Entries.Count(e => e.Path == CreatePath));
    }
}
