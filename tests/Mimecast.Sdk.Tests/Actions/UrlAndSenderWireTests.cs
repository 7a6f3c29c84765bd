using System.Net;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Actions;

/// <summary>Exact wire shapes of client.Urls and client.Senders on both generations (WireMock), and each failure channel.</summary>
public sealed class UrlAndSenderWireTests
{
    private static async Task<SdkHarness> StartAsync(MimecastApiGeneration generation)
    {
        var h = SdkHarness.Start(generation);
        h.Server.Token();
        await Task.CompletedTask;
        return h;
    }

    private static void AssertNoSecretLogged(SdkHarness h)
    {
        var everything = string.Join("\n", h.Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(",", r.StructuredState ?? [])));
        foreach (var secret in new[] { SdkHarness.AppKey, SdkHarness.SecretKey, SdkHarness.ClientSecret, "bearer-token-A", "access_token=hidden" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Create_managed_url_sends_only_the_fields_given_and_logs_the_action_without_the_query(MimecastApiGeneration generation)
    {
        await using var h = await StartAsync(generation);
        h.Server.Given(Stubs.Post("/api/ttp/url/create-managed-url")).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"id":"eNoX","scheme":"https","domain":"evil.example","port":-1,"path":"/a","queryString":"access_token=hidden","matchType":"EXPLICIT","action":"BLOCK","comment":"","disableUserAwareness":false,"disableRewrite":false,"disableLogClick":false}],"fail":[]}
            """));

        var result = await h.Client.Urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = "https://evil.example/a?access_token=hidden", Action = "block", DisableLogClick = true });

        Assert.Equal(ManagedUrlCreateOutcome.Created, result.Outcome);
        Assert.True(result.Entry!.IsBlock); // "BLOCK" compared case-insensitively
        Assert.Equal("""{"data":[{"url":"https://evil.example/a?access_token=hidden","action":"block","disableLogClick":true}]}""", h.SentTo("/api/ttp/url/create-managed-url").Single().Body);
        Assert.Equal(generation == MimecastApiGeneration.Api2, h.SentTo("/api/ttp/url/create-managed-url").Single().Header("Authorization")!.StartsWith("Bearer ", StringComparison.Ordinal));
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Message.Contains("managed-url-create", StringComparison.Ordinal) && r.Message.Contains("https://evil.example/a?…: succeeded", StringComparison.Ordinal));
        AssertNoSecretLogged(h);
    }

    [Fact]
    public async Task Listing_managed_urls_without_a_query_sends_an_empty_data_array()
    {
        await using var h = await StartAsync(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post("/api/ttp/url/get-all-managed-urls")).RespondWith(Stubs.Json("""{"meta":{"status":200,"pagination":{"pageSize":0}},"data":[],"fail":[]}"""));

        Assert.Empty(await h.Client.Urls.GetManagedUrlsAsync().ToListAsync());

        Assert.EndsWith("\"data\":[]}", h.SentTo("/api/ttp/url/get-all-managed-urls").Single().Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Decode_types_a_fail_entry_and_a_success_false_in_data_as_failed_items(MimecastApiGeneration generation)
    {
        await using var h = await StartAsync(generation);
        h.Server.Given(Stubs.Post("/api/ttp/url/decode-url")).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"url":"https://orig.example/1","success":true},{"url":"","success":false}],
             "fail":[{"key":{"url":"https://protect-eu.mimecast.com/s/b"},"errors":[{"code":"err_url_decode","message":"cannot decode","retryable":false}]}]}
            """));

        var result = await h.Client.Urls.DecodeAsync(["https://protect-eu.mimecast.com/s/a", "https://protect-eu.mimecast.com/s/b", "https://protect-eu.mimecast.com/s/c"]);

        Assert.Equal("""{"data":[{"url":"https://protect-eu.mimecast.com/s/a"},{"url":"https://protect-eu.mimecast.com/s/b"},{"url":"https://protect-eu.mimecast.com/s/c"}]}""",
            h.SentTo("/api/ttp/url/decode-url").Single().Body);
        Assert.Equal("https://orig.example/1", result.Items[0].Result?.Url);
        Assert.Equal("err_url_decode", result.Items[1].Error?.Code);
        Assert.Equal("url_not_decoded", result.Items[2].Error?.Code);
    }

    [Fact]
    public async Task Delete_managed_url_not_found_without_a_key_is_already_absent()
    {
        await using var h = await StartAsync(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post("/api/ttp/url/delete-managed-url")).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[],"fail":[{"errors":[{"code":"err_managed_url_not_found","message":"Managed URL not found","retryable":false}]}]}
            """));

        Assert.Equal(MimecastDeleteOutcome.AlreadyAbsent, await h.Client.Urls.DeleteManagedUrlAsync("eNoGone"));
        Assert.Equal("""{"data":[{"id":"eNoGone"}]}""", h.SentTo("/api/ttp/url/delete-managed-url").Single().Body);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Permit_or_block_sends_sender_to_and_action_and_reads_the_capitalised_type(MimecastApiGeneration generation)
    {
        await using var h = await StartAsync(generation);
        h.Server.Given(Stubs.Post("/api/managedsender/permit-or-block-sender")).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"id":"MTOKEN:eNoVzk","sender":"bad@spam.example","to":"soc@example.com","type":"Block"}],"fail":[]}
            """));

        var result = await h.Client.Senders.BlockAsync([new ManagedSenderEntry("bad@spam.example", "soc@example.com")]);

        Assert.Equal("""{"data":[{"sender":"bad@spam.example","to":"soc@example.com","action":"block"}]}""", h.SentTo("/api/managedsender/permit-or-block-sender").Single().Body);
        Assert.Equal("Block", result.EnsureSuccess().Items[0].Result!.Type);
    }

    [Fact]
    public async Task A_function_level_403_in_meta_status_fails_the_call_and_later_calls_are_not_attempted()
    {
        await using var h = await StartAsync(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post("/api/managedsender/permit-or-block-sender")).RespondWith(Stubs.Json("""{"meta":{"status":403},"data":[],"fail":[]}"""));

        var result = await h.Client.Senders.PermitAsync(Enumerable.Range(0, 101).Select(i => new ManagedSenderEntry($"s{i}@example.org", "soc@example.com")));

        Assert.Single(h.SentTo("/api/managedsender/permit-or-block-sender"));
        Assert.All(result.Items.Take(100), i => Assert.Equal(403, i.FunctionStatus));
        Assert.Equal(MimecastItemStatus.NotAttempted, result.Items[100].Status);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Create_policy_sends_the_flat_dialect_without_nulls(MimecastApiGeneration generation)
    {
        await using var h = await StartAsync(generation);
        h.Server.Given(Stubs.Post("/api/policy/blockedsenders/create-policy")).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"option":"block_sender","id":"eNoP","policy":{"description":"d","fromType":"email_domain","fromValue":"spam.example","toType":"everyone","from":{"type":"email_domain","emailDomain":"spam.example"},"fromDate":"1900-01-01T00:00:00+0000"}}],"fail":[]}
            """));

        var result = await h.Client.Senders.CreatePolicyAsync(new BlockedSenderPolicyRequest
        {
            Description = "d",
            Option = BlockedSenderPolicyOptions.BlockSender,
            FromType = PolicyPartyTypes.EmailDomain,
            FromValue = "spam.example",
            ToType = PolicyPartyTypes.Everyone,
            ToDate = new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
        });

        Assert.Equal(
            """{"data":[{"option":"block_sender","policy":{"description":"d","fromType":"email_domain","fromValue":"spam.example","toType":"everyone","toDate":"2027-01-02T01:04:05+0000"}}]}""",
            h.SentTo("/api/policy/blockedsenders/create-policy").Single().Body);
        Assert.Equal("spam.example", result.Policy?.Policy?.From?.EmailDomain);
    }

    [Fact]
    public async Task Delete_policy_answered_with_meta_status_404_and_an_empty_fail_is_already_absent()
    {
        await using var h = await StartAsync(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post("/api/policy/blockedsenders/delete-policy")).RespondWith(Stubs.Json("""{"meta":{"status":404},"data":[],"fail":[]}"""));

        Assert.Equal(MimecastDeleteOutcome.AlreadyAbsent, await h.Client.Senders.DeletePolicyAsync("eNoGone"));
    }

    [Fact]
    public async Task A_policy_create_answered_with_503_is_not_resent_and_checked_by_description()
    {
        await using var h = await StartAsync(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post("/api/policy/blockedsenders/create-policy")).RespondWith(Stubs.Json("{}", (int)HttpStatusCode.ServiceUnavailable));
        h.Server.Given(Stubs.Post("/api/policy/blockedsenders/get-policy")).RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[],"fail":[]}"""));

        var result = await h.Client.Senders.CreatePolicyAsync(new BlockedSenderPolicyRequest
        {
            Description = "d", Option = "block_sender", FromType = "individual_email_address", FromValue = "x@spam.example", ToType = "everyone",
        });

        Assert.Equal(BlockedSenderPolicyCreateOutcome.NotCreated, result.Outcome);
        Assert.Single(h.SentTo("/api/policy/blockedsenders/create-policy"));
        Assert.Equal("""{"data":[]}""", h.SentTo("/api/policy/blockedsenders/get-policy").Single().Body);
    }
}
