using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.Matchers;

namespace Mimecast.Sdk.Tests.Siem;

public class SiemStreamTests
{
    private static SdkHarness Start(Action<MimecastClientOptions>? configure = null)
    {
        var h = SdkHarness.Start(MimecastApiGeneration.Api2, configure);
        h.Server.Token();
        return h;
    }

    private static async Task<List<SiemEvent>> All(IAsyncEnumerable<SiemEvent> source)
    {
        var list = new List<SiemEvent>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Stream_follows_nextPage_to_the_end_and_stops_when_caught_up()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 3), "c1", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "c1")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(3, 3), "c2", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "c2")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(6, 3), "c3", caughtUp: true)));

        var start = new DateTimeOffset(2026, 11, 24, 9, 0, 0, 123, TimeSpan.Zero);
        var events = await All(h.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = [SiemEventType.Receipt], Start = start, PageSize = 3 }));

        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"agg-{i}"), events.Select(e => e.AggregateId));
        var sent = h.SentTo(SiemStubs.StreamPath);
        Assert.Equal(3, sent.Count);
        Assert.All(sent, r => Assert.Equal("Bearer bearer-token-A", r.Header("Authorization")));
        var first = h.Server.LogEntries.First(e => e.RequestMessage?.Path == SiemStubs.StreamPath).RequestMessage!;
        Assert.Equal("receipt", first.Query!["types"].Single());
        Assert.Equal("2026-11-24T09:00:00.123Z", first.Query["dateRangeStartsAt"].Single());
        Assert.Equal("3", first.Query["pageSize"].Single());
    }

    [Fact]
    public async Task Page_method_returns_the_cursor_and_a_saved_cursor_resumes_from_there()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 2), "saved-cursor", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "saved-cursor")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(2, 2), "next-cursor", caughtUp: true)));
        var query = new SiemEventQuery { Types = [SiemEventType.Receipt], Start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), PageSize = 2 };

        var first = await h.Client.Siem.GetEventsPageAsync(query, null);
        var cursor = first.NextPage; // what a caller saves

        var resumed = await h.Client.Siem.GetEventsPageAsync(query, cursor);

        Assert.Equal("saved-cursor", cursor);
        Assert.False(first.IsCaughtUp);
        Assert.Equal(["agg-2", "agg-3"], resumed.Events.Select(e => e.AggregateId));
        Assert.True(resumed.IsCaughtUp);
        Assert.Equal("next-cursor", resumed.NextPage);
        var resumedRequest = h.Server.LogEntries.Last(e => e.RequestMessage?.Path == SiemStubs.StreamPath).RequestMessage!;
        Assert.Equal("2026-11-24T00:00:00.000Z", resumedRequest.Query!["dateRangeStartsAt"].Single()); // peers resend the start
    }

    [Fact]
    public async Task Recorded_pages_replay_with_typed_common_fields_and_a_repeated_boundary_event_delivered_once()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.Fixture("siem-stream-page1.json")));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "cGFnZS0y")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.Fixture("siem-stream-page2.json")));

        var events = await All(h.Client.Siem.GetEventsAsync(new SiemEventQuery { PageSize = 2 }));

        Assert.Equal(3, events.Count); // page 2 repeats page 1's last event
        Assert.Equal([SiemEventType.Receipt, SiemEventType.Process, SiemEventType.Delivery], events.Select(e => e.Type));
        var receipt = events[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732530645642), receipt.Timestamp);
        Assert.Equal("Acc", receipt.Subtype);
        Assert.Equal("C0A0", receipt.AccountId);
        Assert.Equal("<m1@example.com>", receipt.MessageId);
        Assert.Equal("alice@example.com", receipt.SenderEnvelope);
        Assert.Equal("bob@example.org", receipt.Recipients);
        Assert.Equal("192.0.2.10", receipt.GetString("senderIp"));
        Assert.Equal("4170", receipt.GetString("emailSize"));
        Assert.Null(events[2].Subject);
        Assert.Equal("mx1", events[2].GetString("Hostname"));
        Assert.DoesNotContain(h.Server.LogEntries, e => e.RequestMessage?.Query?.ContainsKey("types") == true); // no types: every type
    }

    [Fact]
    public async Task Unknown_event_types_are_accepted_and_requested_verbatim()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath))
            .RespondWith(Stubs.Json(SiemStubs.StreamPage([1], null, caughtUp: true, type: "quantum protect")));

        var events = await All(h.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = ["quantum protect"] }));

        Assert.Equal("quantum protect", events.Single().Type.Value);
        Assert.False(events.Single().Type.IsKnown);
        Assert.Equal("quantum protect", h.Server.LogEntries.Single(e => e.RequestMessage?.Path == SiemStubs.StreamPath).RequestMessage!.Query!["types"].Single());
    }

    [Fact]
    public async Task Several_types_are_read_one_type_per_call()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("types", "receipt"))
            .RespondWith(Stubs.Json(SiemStubs.StreamPage([1], null, caughtUp: true, type: "receipt")));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("types", "delivery"))
            .RespondWith(Stubs.Json(SiemStubs.StreamPage([2], null, caughtUp: true, type: "delivery")));

        var events = await All(h.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = [SiemEventType.Receipt, SiemEventType.Delivery] }));

        Assert.Equal([SiemEventType.Receipt, SiemEventType.Delivery], events.Select(e => e.Type));
        Assert.Equal(2, h.SentTo(SiemStubs.StreamPath).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Siem.GetEventsPageAsync(new SiemEventQuery { Types = [SiemEventType.Receipt, SiemEventType.Delivery] }, null));
    }

    [Fact]
    public async Task A_refused_cursor_is_a_typed_error_that_tells_the_caller_to_restart_from_a_time()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).RespondWith(Stubs.Json(SiemStubs.Fixture("siem-error-400.json"), 400));

        var e = await Assert.ThrowsAsync<MimecastInvalidCursorException>(() => h.Client.Siem.GetEventsPageAsync(null, "stale"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("invalid_next_page", e.ErrorCode);
        Assert.NotNull(e.RequestId);
        Assert.Single(h.SentTo(SiemStubs.StreamPath)); // never retried
    }

    [Fact]
    public async Task An_error_body_without_a_cursor_is_a_MimecastApiException_with_code_and_request_id()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).RespondWith(Stubs.Json("""{"error":{"code":"err_forbidden","message":"Missing role"}}""", 403));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Siem.GetEventsPageAsync(null, null));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal("err_forbidden", e.ErrorCode);
        Assert.Contains("Missing role", e.Message, StringComparison.Ordinal);
        Assert.Equal(h.SentTo(SiemStubs.StreamPath)[0].Header("x-mc-req-id"), e.RequestId);
    }

    [Fact]
    public async Task A_flat_fail_401_renews_the_token_once_then_is_an_authentication_error()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).RespondWith(Stubs.Json(SiemStubs.Fixture("siem-fail-401.json"), 401));

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Siem.GetEventsPageAsync(null, null));

        Assert.Equal("token_expired", e.ErrorCode);
        Assert.Equal(2, h.SentTo(SiemStubs.StreamPath).Count);
    }

    [Fact]
    public async Task Siem_needs_api_2_credentials()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api1);

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Siem.GetEventsPageAsync(null, null));

        Assert.Contains("API 2.0", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.LogEntries);
    }

    [Fact]
    public async Task The_next_stream_page_is_requested_while_the_caller_still_works_on_the_current_one()
    {
        await using var h = Start();
        var secondRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 2), "c1", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam(q => SeenCursor(q, "c1", secondRequested))).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(2, 1), null, caughtUp: true)));
        var query = new SiemEventQuery { Types = [SiemEventType.Receipt], PageSize = 2 };

        await using var events = h.Client.Siem.GetEventsAsync(query).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        // The caller holds the first event of page 1 and asks for nothing more: page 2 must already be on its way.
        await secondRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var rest = new List<string?>();
        while (await events.MoveNextAsync())
        {
            rest.Add(events.Current.AggregateId);
        }

        Assert.Equal(["agg-1", "agg-2"], rest);
        Assert.Equal(2, h.SentTo(SiemStubs.StreamPath).Count);
    }

    [Fact]
    public async Task A_stream_cursor_cycle_ends_the_stream_with_a_paging_exception_after_every_event_read()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 1), "A", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "A")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(1, 1), "B", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "B")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(2, 1), "A", caughtUp: false)));
        var seen = new List<string?>();

        var e = await Assert.ThrowsAsync<MimecastPagingException>(async () =>
        {
            await foreach (var item in h.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = [SiemEventType.Receipt], PageSize = 1 })
                .WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
            {
                seen.Add(item.AggregateId);
            }
        });

        Assert.Equal(MimecastPagingFailure.TokenCycle, e.Reason);
        Assert.Equal(["agg-0", "agg-1", "agg-2"], seen);
        Assert.Equal(3, h.SentTo(SiemStubs.StreamPath).Count);
    }

    [Fact]
    public async Task Stopping_early_abandons_the_page_read_ahead_without_an_error()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 2), "c1", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("nextPage", "c1")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(2, 2), "c2", caughtUp: false)).WithDelay(TimeSpan.FromSeconds(30)));
        string? first = null;

        var stopped = Task.Run(async () =>
        {
            await foreach (var item in h.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = [SiemEventType.Receipt], PageSize = 2 }))
            {
                first = item.AggregateId;
                break;
            }
        });

        // The abandoned read-ahead is cancelled, not awaited for its 30 s.
        await stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("agg-0", first);
    }

    private static bool SeenCursor(IDictionary<string, WireMock.Types.WireMockList<string>> query, string cursor, TaskCompletionSource signal)
    {
        if (query.TryGetValue("nextPage", out var values) && values.Contains(cursor))
        {
            signal.TrySetResult();
            return true;
        }

        return false;
    }
}
