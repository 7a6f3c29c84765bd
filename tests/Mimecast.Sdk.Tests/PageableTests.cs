using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.Matchers;

namespace Mimecast.Sdk.Tests;

public class PageableTests
{
    private static MimecastPage<int> Page(int first, int count, string? next) => new(Enumerable.Range(first, count).ToList(), next);

    [Fact]
    public async Task A_token_cycle_A_B_A_ends_the_stream_with_a_paging_exception_after_delivering_every_record()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithBody(new NotNullOrEmptyMatcher())).AtPriority(100).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 2, "A")));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithBody(new WildcardMatcher("*\"pageToken\":\"A\"*"))).AtPriority(1).RespondWith(Stubs.Json(Stubs.UrlLogs(2, 2, "B")));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithBody(new WildcardMatcher("*\"pageToken\":\"B\"*"))).AtPriority(1).RespondWith(Stubs.Json(Stubs.UrlLogs(4, 2, "A")));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var records = new List<string?>();

        var e = await Assert.ThrowsAsync<MimecastPagingException>(async () =>
        {
            await foreach (var log in h.Client.Ttp.GetUrlLogsAsync().WithCancellation(bound.Token))
            {
                records.Add(log.UserEmailAddress);
            }
        });

        Assert.Equal(MimecastPagingFailure.TokenCycle, e.Reason);
        Assert.Equal(3, e.PagesRead);
        Assert.Contains("already used earlier in this listing", e.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"user{i}@example.com"), records);
        Assert.Equal(3, h.SentTo(Stubs.UrlPath).Count);
    }

    [Fact]
    public async Task A_token_that_repeats_the_continuation_token_is_a_cycle()
    {
        var pageable = MimecastPageable.Create<int>((token, _, _) => Task.FromResult(Page(0, 1, "start")));

        var e = await Assert.ThrowsAsync<MimecastPagingException>(async () =>
        {
            await foreach (var _ in pageable.AsPages("start"))
            {
            }
        });

        Assert.Equal(MimecastPagingFailure.TokenCycle, e.Reason);
        Assert.Equal(1, e.PagesRead);
    }

    [Fact]
    public async Task MaxPages_ends_an_endless_listing_with_a_paging_exception()
    {
        var requests = 0;
        var pageable = MimecastPageable.Create<int>((token, _, _) =>
        {
            var n = Interlocked.Increment(ref requests);
            return Task.FromResult(Page(n * 10, 10, $"t{n}"));
        }, new MimecastPagingOptions { MaxPages = 5 });

        var count = 0;
        var e = await Assert.ThrowsAsync<MimecastPagingException>(async () =>
        {
            await foreach (var _ in pageable)
            {
                count++;
            }
        });

        Assert.Equal(MimecastPagingFailure.TooManyPages, e.Reason);
        Assert.Equal(50, count);
        Assert.Equal(5, requests);
        Assert.Contains("Paging:MaxPages", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxDuration_ends_a_listing_that_runs_too_long_on_the_time_provider()
    {
        var time = new FakeTimeProvider();
        var requests = 0;
        var pageable = MimecastPageable.Create<int>((token, _, _) =>
        {
            var n = Interlocked.Increment(ref requests);
            time.Advance(TimeSpan.FromMinutes(1));
            return Task.FromResult(Page(n, 1, $"t{n}"));
        }, new MimecastPagingOptions { MaxDuration = TimeSpan.FromMinutes(3.5), ReadAhead = false }, time);

        var e = await Assert.ThrowsAsync<MimecastPagingException>(async () =>
        {
            await foreach (var _ in pageable)
            {
            }
        });

        Assert.Equal(MimecastPagingFailure.TooLong, e.Reason);
        Assert.Equal(4, requests);
        Assert.Contains("Paging:MaxDuration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_page_with_a_next_token_ends_the_stream_quietly()
    {
        var requests = 0;
        var pageable = MimecastPageable.Create<int>((token, _, _) =>
            Task.FromResult(Interlocked.Increment(ref requests) == 1 ? Page(0, 3, "more") : Page(0, 0, "still-more")));

        Assert.Equal([0, 1, 2], await pageable.ToListAsync());
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task An_enumeration_with_a_cancelled_token_requests_nothing()
    {
        var requests = 0;
        var pageable = MimecastPageable.Create<int>((_, _, _) =>
        {
            Interlocked.Increment(ref requests);
            return Task.FromResult(Page(0, 2, "t1"));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in pageable.WithCancellation(new CancellationToken(canceled: true)))
            {
            }
        });

        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task No_further_page_is_requested_once_the_caller_cancels_between_pages()
    {
        using var stop = new CancellationTokenSource();
        var requests = 0;
        var pageable = MimecastPageable.Create<int>((token, _, _) =>
        {
            Interlocked.Increment(ref requests);
            return Task.FromResult(Page(0, 2, "t" + requests));
        }, new MimecastPagingOptions { ReadAhead = false });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in pageable.AsPages().WithCancellation(stop.Token))
            {
                await stop.CancelAsync();
            }
        });

        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task The_next_page_is_requested_while_the_caller_handles_the_current_one()
    {
        var requested = new List<string?>();
        var pageable = MimecastPageable.Create<int>((token, _, _) =>
        {
            lock (requested)
            {
                requested.Add(token);
            }

            return Task.FromResult(token is null ? Page(0, 2, "t1") : Page(2, 2, null));
        });

        await using var pages = pageable.AsPages().GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());

        Assert.Equal([null, "t1"], requested);
    }

    [Fact]
    public async Task Without_read_ahead_the_next_page_is_requested_only_when_asked_for()
    {
        var requested = 0;
        var pageable = MimecastPageable.Create<int>((token, _, _) =>
        {
            Interlocked.Increment(ref requested);
            return Task.FromResult(token is null ? Page(0, 2, "t1") : Page(2, 2, null));
        }, new MimecastPagingOptions { ReadAhead = false });

        await using var pages = pageable.AsPages().GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        Assert.Equal(1, requested);
        Assert.True(await pages.MoveNextAsync());
        Assert.Equal(2, requested);
    }

    [Fact]
    public async Task A_page_read_ahead_and_abandoned_is_cancelled_when_the_caller_stops()
    {
        var readAhead = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pageable = MimecastPageable.Create<int>(async (token, _, ct) =>
        {
            if (token is null)
            {
                return Page(0, 2, "t1");
            }

            readAhead.TrySetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            return Page(2, 2, null);
        });

        await foreach (var _ in pageable)
        {
            break;
        }

        var token = await readAhead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task AsPages_resumes_from_a_continuation_token_with_the_page_size_hint()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithBody(new WildcardMatcher("*\"pageToken\":\"saved\"*"))).RespondWith(Stubs.Json(Stubs.UrlLogs(10, 3)));

        var pages = await h.Client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { PageSize = 50 }).AsPages("saved", pageSizeHint: 3).ToListAsync();

        var page = Assert.Single(pages);
        Assert.Equal("user10@example.com", page.Items[0].UserEmailAddress);
        var sent = Assert.Single(h.SentTo(Stubs.UrlPath));
        Assert.Contains("\"pageSize\":3", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromPages_builds_a_pageable_for_consumers_tests()
    {
        var pageable = MimecastPageable.FromPages([Page(0, 2, "a"), Page(2, 2, "b"), Page(4, 1, null)]);

        Assert.Equal([0, 1, 2, 3, 4], await pageable.ToListAsync());
        Assert.Equal([4], (await pageable.AsPages("b").ToListAsync()).SelectMany(p => p.Items));
    }
}
