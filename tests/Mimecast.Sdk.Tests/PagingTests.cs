using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.Matchers;

namespace Mimecast.Sdk.Tests;

public class PagingTests
{
    private static void Pages(SdkHarness h, int pages, int perPage)
    {
        for (var p = 0; p < pages; p++)
        {
            var request = Stubs.Post(Stubs.UrlPath);
            request = p == 0
                ? request.WithBody(new NotNullOrEmptyMatcher())
                : request.WithBody(new WildcardMatcher($"*\"pageToken\":\"token-{p}\"*"));
            h.Server.Given(request).AtPriority(p == 0 ? 100 : 1)
                .RespondWith(Stubs.Json(Stubs.UrlLogs(p * perPage, perPage, p == pages - 1 ? null : $"token-{p + 1}")));
        }
    }

    [Fact]
    public async Task Streaming_follows_next_tokens_and_yields_every_record_exactly_once()
    {
        await using var h = SdkHarness.Start();
        Pages(h, pages: 12, perPage: 25);

        var records = new List<TtpUrlLog>();
        await foreach (var log in h.Client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { PageSize = 25, OldestFirst = true }))
        {
            records.Add(log);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"user{i}@example.com"), records.Select(r => r.UserEmailAddress));
        var sent = h.SentTo(Stubs.UrlPath);
        Assert.Equal(12, sent.Count);
        Assert.DoesNotContain("pageToken", sent[0].Body, StringComparison.Ordinal);
        Assert.All(sent, r => Assert.Contains("\"pageSize\":25", r.Body, StringComparison.Ordinal));
        Assert.All(sent, r => Assert.Contains("\"oldestFirst\":true", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_method_returns_the_next_token_for_checkpointing_callers()
    {
        await using var h = SdkHarness.Start();
        Pages(h, pages: 3, perPage: 2);

        var first = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        var second = await h.Client.Ttp.GetUrlLogsPageAsync(null, first.NextPageToken);
        var third = await h.Client.Ttp.GetUrlLogsPageAsync(null, second.NextPageToken);

        Assert.Equal("token-1", first.NextPageToken);
        Assert.True(first.HasMore);
        Assert.Equal("user2@example.com", second.Items[0].UserEmailAddress);
        Assert.False(third.HasMore);
        Assert.Null(third.NextPageToken);
    }

    [Fact]
    public async Task Cancelling_mid_stream_stops_without_another_request()
    {
        await using var h = SdkHarness.Start(configure: o => o.Paging.ReadAhead = false);
        Pages(h, pages: 5, perPage: 10);
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync(null, cts.Token))
            {
                if (++seen == 15)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(15, seen);
        Assert.Equal(2, h.SentTo(Stubs.UrlPath).Count);
    }

    [Fact]
    public async Task A_repeated_page_token_stops_with_an_error_instead_of_looping()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 2, "same-token")));

        var e = await Assert.ThrowsAsync<MimecastPagingException>(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync())
            {
            }
        });

        Assert.Contains("already used earlier in this listing", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.SentTo(Stubs.UrlPath).Count);
    }

    [Theory]
    [InlineData("""{"meta":{"status":200,"pagination":{"pageSize":0,"next":"ignored"}},"data":[{"clickLogs":[]}],"fail":[]}""")]
    [InlineData("""{"meta":{"status":200,"pagination":{"pageSize":0}},"data":[],"fail":[]}""")]
    [InlineData("""{"meta":{"status":200},"data":[{}]}""")]
    public async Task Empty_results_in_any_documented_shape_end_the_stream(string body)
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(body));

        var count = 0;
        await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync())
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }
}
