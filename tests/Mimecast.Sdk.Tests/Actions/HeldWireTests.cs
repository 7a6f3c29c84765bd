using System.Text.Json;
using System.Text.Json.Nodes;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Actions;

/// <summary>The held queue and the message finder on the wire (both generations): exact request shapes, the three failure channels, unknown outcomes.</summary>
public class HeldWireTests
{
    private const string ListPath = "/api/gateway/get-hold-message-list";
    private const string ReleasePath = "/api/gateway/hold-release";
    private const string RejectPath = "/api/gateway/hold-reject";
    private const string SummaryPath = "/api/gateway/get-hold-summary-list";
    private const string SearchPath = "/api/message-finder/search";
    private const string InfoPath = "/api/message-finder/get-message-info";

    private const string HeldA = """{"id":"eNoA","reason":"Relaxed Spam Detection","reasonId":"HELD_SPAM","reasonCode":"spam","from":{"emailAddress":"bad@example.net","displayableName":"Bad"},"fromHeader":{"emailAddress":"bad@example.net"},"to":{"emailAddress":"alice@example.com"},"subject":"Invoice","route":"INBOUND","hasAttachments":true,"size":2048,"dateReceived":"2026-11-20T10:15:30+0000","policyInfo":"Spam Scanning"}""";

    private static SdkHarness Start(MimecastApiGeneration generation)
    {
        var h = SdkHarness.Start(generation);
        if (generation == MimecastApiGeneration.Api2)
        {
            h.Server.Token();
        }

        return h;
    }

    private static string Envelope(string data, int metaStatus = 200, string fail = "", string pagination = "") =>
        $$"""{"meta":{"status":{{metaStatus}}{{pagination}}},"data":[{{data}}],"fail":[{{fail}}]}""";

    private static JsonElement Body(SentRequest request) => JsonDocument.Parse(request.Body).RootElement;

    [Theory]
    [InlineData(MimecastApiGeneration.Api1, "reason_code")]
    [InlineData(MimecastApiGeneration.Api2, "reasonCode")]
    public async Task List_sends_admin_utc_dates_the_generations_field_name_and_no_nulls(MimecastApiGeneration generation, string fieldName)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(ListPath)).RespondWith(Stubs.Json(Envelope(HeldA, pagination: ""","pagination":{"pageSize":1,"totalCount":1}""")));

        var held = await h.Client.Held.GetHeldMessagesAsync(new HeldMessageQuery
        {
            Start = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)),
            SearchField = HeldSearchField.ReasonCode,
            SearchValue = "spam",
            Route = "inbound",
            PageSize = 50,
        }).ToListAsync();

        var sent = Assert.Single(h.SentTo(ListPath));
        Assert.Equal(
            $$$"""{"meta":{"pagination":{"pageSize":50}},"data":[{"admin":true,"start":"2026-11-20T08:00:00+0000","searchBy":{"fieldName":"{{{fieldName}}}","value":"spam"},"filterBy":[{"route":"inbound"}]}]}""",
            sent.Body);
        Assert.Equal(generation == MimecastApiGeneration.Api2, sent.Header("Authorization")?.StartsWith("Bearer ", StringComparison.Ordinal) ?? false);
        var message = Assert.Single(held);
        Assert.Equal("eNoA", message.Id);
        Assert.Equal("bad@example.net", message.From!.EmailAddress);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 30, TimeSpan.Zero), message.DateReceived);
        Assert.Equal("Spam Scanning", message.PolicyInfo);
    }

    [Fact]
    public async Task A_sender_ip_search_on_api1_is_refused_before_sending_and_is_senderIP_on_api2()
    {
        var query = new HeldMessageQuery { SearchField = HeldSearchField.SenderIp, SearchValue = "198.51.100.7" };
        await using (var h1 = Start(MimecastApiGeneration.Api1))
        {
            await Assert.ThrowsAsync<ArgumentException>(() => h1.Client.Held.GetHeldMessagesPageAsync(query, null));
            Assert.Empty(h1.SentTo(ListPath));
        }

        await using var h2 = Start(MimecastApiGeneration.Api2);
        h2.Server.Given(Stubs.Post(ListPath)).RespondWith(Stubs.Json(Envelope(HeldA)));
        await h2.Client.Held.GetHeldMessagesPageAsync(query, null);
        Assert.Equal("senderIP", Body(Assert.Single(h2.SentTo(ListPath))).GetProperty("data")[0].GetProperty("searchBy").GetProperty("fieldName").GetString());
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Summary_sends_an_empty_data_array_and_reads_every_line(MimecastApiGeneration generation)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(SummaryPath)).RespondWith(Stubs.Json(Envelope("""{"policyInfo":"Spam Scanning","numberOfItems":7},{"policyInfo":"Attachments","numberOfItems":2}""")));

        var summary = await h.Client.Held.GetSummaryAsync();

        Assert.Equal("""{"data":[]}""", Assert.Single(h.SentTo(SummaryPath)).Body);
        Assert.Equal([("Spam Scanning", 7), ("Attachments", 2)], summary.Select(s => (s.PolicyInfo!, s.NumberOfItems!.Value)));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Release_sends_one_item_per_id_and_types_a_true_a_false_and_a_keyed_fail(MimecastApiGeneration generation)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(ReleasePath)).RespondWith(Stubs.Json(Envelope(
            """{"id":"eNoA","release":true},{"id":"eNoB","release":false}""",
            fail: """{"key":{"id":"eNoC"},"errors":[{"code":"err_held_message_not_found","message":"Held message not found","retryable":false}]}""")));

        var result = await h.Client.Held.ReleaseAsync(["eNoA", "eNoB", "eNoC"]);

        Assert.Equal("""{"data":[{"id":"eNoA"},{"id":"eNoB"},{"id":"eNoC"}]}""", Assert.Single(h.SentTo(ReleasePath)).Body);
        Assert.Equal([MimecastItemStatus.Succeeded, MimecastItemStatus.Failed, MimecastItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal("eNoA", result.Items[0].Result!.Id);
        Assert.False(result.Items[0].Result!.CheckedByRead);
        Assert.Equal("held_release_false", result.Items[1].Error!.Code);
        Assert.Equal("err_held_message_not_found", result.Items[2].Error!.Code);
        Assert.Throws<MimecastBulkException>(() => result.EnsureSuccess());
    }

    [Fact]
    public async Task Release_with_a_function_failure_in_meta_status_fails_every_item_and_stops()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(ReleasePath)).RespondWith(Stubs.Json(Envelope("", metaStatus: 403)));

        var result = await h.Client.Held.ReleaseAsync(Enumerable.Range(0, 30).Select(i => "eNo" + i));

        Assert.Single(h.SentTo(ReleasePath)); // a 403 would repeat: the second chunk is not sent
        Assert.All(result.Items.Take(25), i => Assert.Equal(403, i.FunctionStatus));
        Assert.All(result.Items.Skip(25), i => Assert.Equal(MimecastItemStatus.NotAttempted, i.Status));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Reject_sends_one_item_with_ids_reason_type_message_and_notify_as_a_json_bool(MimecastApiGeneration generation)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(RejectPath)).RespondWith(Stubs.Json(Envelope("""{"id":"eNoA","reject":true},{"id":"eNoB","reject":false}""")));

        var result = await h.Client.Held.RejectAsync(["eNoA", "eNoB"], new HeldRejectOptions { ReasonType = HeldRejectReasons.InappropriateCommunication, Message = "Not for us" });

        Assert.Equal("""{"data":[{"ids":["eNoA","eNoB"],"message":"Not for us","reasonType":"INAPPROPRIATE COMMUNICATION","notify":false}]}""",
            Assert.Single(h.SentTo(RejectPath)).Body);
        Assert.Equal([MimecastItemStatus.Succeeded, MimecastItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal("held_reject_false", result.Items[1].Error!.Code);
    }

    [Theory]
    [InlineData(true, MimecastItemStatus.Failed)] // still held after the lost answer: not released
    [InlineData(false, MimecastItemStatus.Succeeded)] // gone from the held queue: released
    public async Task A_server_error_on_release_is_never_resent_and_the_held_queue_tells_the_outcome(bool stillHeld, MimecastItemStatus expected)
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(ReleasePath)).RespondWith(Stubs.Json("""{"meta":{"status":500},"data":[],"fail":[]}""", status: 500));
        h.Server.Given(Stubs.Post(ListPath)).RespondWith(Stubs.Json(stillHeld ? Envelope(HeldA) : Envelope("")));

        var result = await h.Client.Held.ReleaseAsync(["eNoA"]);

        Assert.Equal(1, h.Received(ReleasePath));
        var item = Assert.Single(result.Items);
        Assert.Equal(expected, item.Status);
        Assert.Equal(stillHeld ? "held_still_held" : null, item.Error?.Code);
        Assert.Equal(!stillHeld, item.Result?.CheckedByRead ?? false);
        Assert.True(Body(Assert.Single(h.SentTo(ListPath))).GetProperty("data")[0].GetProperty("admin").GetBoolean());
    }

    [Fact]
    public async Task When_the_check_read_fails_too_the_outcome_stays_unknown_and_no_secret_is_logged()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(RejectPath)).RespondWith(Stubs.Json("""{"meta":{"status":503},"data":[],"fail":[]}""", status: 503));
        h.Server.Given(Stubs.Post(ListPath)).RespondWith(Stubs.Json(Stubs.Fail("err_validation_blank", "nope")));

        var result = await h.Client.Held.RejectAsync(["eNoA", "eNoB"], new HeldRejectOptions { Notify = true });

        Assert.Equal(1, h.Received(RejectPath));
        Assert.All(result.Items, i => Assert.Equal(MimecastItemStatus.OutcomeUnknown, i.Status));
        Assert.True(Body(Assert.Single(h.SentTo(RejectPath))).GetProperty("data")[0].GetProperty("notify").GetBoolean());
        var text = string.Join("\n", h.Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(",", r.StructuredState?.Select(s => s.Value) ?? [])));
        Assert.DoesNotContain(SdkHarness.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SdkHarness.AccessKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SdkHarness.AppKey, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Message_search_sends_the_id_or_the_advanced_options_and_refuses_both_or_neither_before_sending(MimecastApiGeneration generation)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(SearchPath)).RespondWith(Stubs.Json(Envelope(
            """{"trackedEmails":[{"id":"trk1","status":"held","fromEnv":{"emailAddress":"bad@example.net"},"to":[{"emailAddress":"alice@example.com"}],"received":"2026-11-20T10:15:30+0000","subject":"Invoice","senderIP":"198.51.100.7","route":"inbound"}]}""")));

        var byId = await h.Client.Messages.SearchAsync(new MessageSearchQuery { MessageId = "<m1@example.net>", SearchReason = "Incident 42" });
        await h.Client.Messages.SearchAsync(new MessageSearchQuery { Advanced = new MessageTrackingOptions { From = "bad@example.net", SenderIp = "198.51.100.7" } });
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Messages.SearchAsync(new MessageSearchQuery { MessageId = "<m1@example.net>", Advanced = new() { To = "a@b" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Messages.SearchAsync(new MessageSearchQuery { Advanced = new() }));

        var sent = h.SentTo(SearchPath);
        Assert.Equal(2, sent.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"data":[{"messageId":"<m1@example.net>","searchReason":"Incident 42"}]}"""), JsonNode.Parse(sent[0].Body)), sent[0].Body);
        Assert.Equal("""{"data":[{"advancedTrackAndTraceOptions":{"from":"bad@example.net","senderIP":"198.51.100.7"}}]}""", sent[1].Body);
        var tracked = Assert.Single(byId);
        Assert.Equal("held", tracked.Status);
        Assert.Equal("198.51.100.7", tracked.SenderIp);
        Assert.Equal("alice@example.com", Assert.Single(tracked.To!).EmailAddress);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Message_info_reads_deliveries_keyed_by_recipient_address(MimecastApiGeneration generation)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(InfoPath)).RespondWith(Stubs.Json(Envelope(
            """{"id":"trk1","status":"delivered","deliveredMessage":{"alice@example.com":{"messageInfo":{"subject":"Invoice"},"policyInfo":[],"deliveryMetaInfo":{"deliveryEvent":"delivery_succeeded"}},"bob@example.com":{"messageInfo":{"subject":"Invoice"}}},"spamInfo":{"spamScore":0}}""")));

        var info = await h.Client.Messages.GetMessageInfoAsync("trk1");

        Assert.Equal("""{"data":[{"id":"trk1"}]}""", Assert.Single(h.SentTo(InfoPath)).Body);
        Assert.Equal(["alice@example.com", "bob@example.com"], info.DeliveredMessage!.Keys.Order());
        Assert.Equal("delivery_succeeded", info.DeliveredMessage["alice@example.com"].DeliveryMetaInfo!.Value.GetProperty("deliveryEvent").GetString());
    }
}
