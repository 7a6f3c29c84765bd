using System.Net;
using System.Text.Json;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Operations;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Engine;

/// <summary>
/// Bulk items through the engine: any number of items in calls of the operation's limit, in order, none lost and
/// none sent twice; one result per item from the three failure channels.
/// </summary>
public class BulkEngineTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d", "e", "f", "g"];

    private static Task<MimecastBulkResult<string, string>> Send(SdkHarness h, IReadOnlyList<string> ids, int maxItems = 3,
        OperationIdempotency idempotency = OperationIdempotency.IdempotentWrite) =>
        ((MimecastClient)h.Client).Transport.SendBulkAsync(TestOperations.Bulk(idempotency, maxItems), ids, CancellationToken.None);

    private static string Answer(string data, string fail = "[]", int status = 200) => $$"""{"meta":{"status":{{status}}},"data":{{data}},"fail":{{fail}}}""";

    private static string AllReleased => "[" + string.Join(',', Ids.Select(static i => $$"""{"id":"{{i}}","released":true}""")) + "]";

    private static List<string> SentIds(SdkHarness h) =>
        h.SentTo(TestOperations.WritePath).Select(r => string.Join(',', JsonDocument.Parse(r.Body).RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()))).ToList();

    [Theory]
    [InlineData(1, new[] { "a" })]
    [InlineData(3, new[] { "a,b,c" })]
    [InlineData(4, new[] { "a,b,c", "d" })]
    [InlineData(7, new[] { "a,b,c", "d,e,f", "g" })]
    public async Task Items_are_split_into_calls_of_the_limit_in_order_each_sent_once(int count, string[] calls)
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Answer(AllReleased)));

        var result = await Send(h, Ids[..count]);

        Assert.Equal(calls, SentIds(h));
        Assert.Equal(Ids[..count], result.Items.Select(i => i.Item));
        Assert.All(result.Items, i => Assert.Equal(MimecastItemStatus.Succeeded, i.Status));
        Assert.Equal(Ids[..count], result.Succeeded.Select(i => i.Result));
        Assert.True(result.IsSuccess);
        Assert.Same(result, result.EnsureSuccess());
    }

    [Fact]
    public async Task A_fail_entry_is_matched_to_its_item_by_the_key_echo()
    {
        // Mimecast's fail entries need not follow the request order: matched by key, not by position.
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Answer(
            """[{"id":"b","released":true}]""",
            """[{"key":{"id":"c"},"errors":[{"code":"err_c","message":"c refused"}]},{"key":{"id":"a"},"errors":[{"code":"err_message_not_found","message":"No such message","retryable":false}]}]""")));

        var result = await Send(h, ["a", "b", "c"]);

        Assert.Equal([MimecastItemStatus.Failed, MimecastItemStatus.Succeeded, MimecastItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal("err_message_not_found", result.Items[0].Error!.Code);
        Assert.Equal("No such message", result.Items[0].Error!.Message);
        Assert.Equal("err_c", result.Items[2].Error!.Code);
        Assert.Equal(["a", "c"], result.Failed.Select(i => i.Item));
    }

    [Fact]
    public async Task A_fail_entry_without_a_key_goes_to_the_item_without_an_answer()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Answer(
            """[{"id":"a","released":true},{"id":"c","released":true}]""",
            """[{"errors":[{"code":"err_validation","message":"Invalid id"}]}]""")));

        var result = await Send(h, ["a", "b", "c"]);

        Assert.Equal([MimecastItemStatus.Succeeded, MimecastItemStatus.Failed, MimecastItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Equal("err_validation", result.Items[1].Error!.Code);
    }

    [Fact]
    public async Task A_false_in_data_fails_its_item_as_the_family_defines()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Answer("""[{"id":"a","released":false},{"id":"b","released":true}]""")));

        var result = await Send(h, ["a", "b"]);

        Assert.Equal(MimecastItemStatus.Failed, result.Items[0].Status);
        Assert.Equal("released_false", result.Items[0].Error!.Code);
        Assert.Equal(MimecastItemStatus.Succeeded, result.Items[1].Status);
        var e = Assert.Throws<MimecastBulkException>(() => result.EnsureSuccess());
        Assert.Equal(1, e.FailedCount);
        Assert.Equal(1, e.SucceededCount);
        Assert.Equal("released_false", e.ErrorCode);
    }

    [Fact]
    public async Task A_function_level_failure_fails_its_chunk_and_a_permission_failure_is_not_repeated()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Answer("[]", status: 403)));

        var result = await Send(h, Ids[..5]);

        Assert.Single(h.SentTo(TestOperations.WritePath));
        Assert.All(result.Items.Take(3), i =>
        {
            Assert.Equal(MimecastItemStatus.Failed, i.Status);
            Assert.Equal(403, i.FunctionStatus);
            Assert.Equal(HttpStatusCode.OK, i.StatusCode);
        });
        Assert.All(result.Items.Skip(3), i => Assert.Equal(MimecastItemStatus.NotAttempted, i.Status));
        Assert.Equal(2, Assert.Throws<MimecastBulkException>(() => result.EnsureSuccess()).NotAttemptedCount);
    }

    [Fact]
    public async Task Another_function_level_failure_fails_its_chunk_and_the_next_chunk_still_runs()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).InScenario("s").WillSetStateTo("second")
            .RespondWith(Stubs.Json(Stubs.FlatFail("err_validation", "bad request", 400), 400));
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).InScenario("s").WhenStateIs("second").RespondWith(Stubs.Json(Answer(AllReleased)));

        var result = await Send(h, Ids[..4]);

        Assert.Equal(["a,b,c", "d"], SentIds(h));
        Assert.All(result.Items.Take(3), i => Assert.Equal(HttpStatusCode.BadRequest, i.StatusCode));
        Assert.All(result.Items.Take(3), i => Assert.Equal(MimecastItemStatus.Failed, i.Status));
        Assert.Equal(MimecastItemStatus.Succeeded, result.Items[3].Status);
    }
}
