using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

public class RateLimitTests
{
    [Fact]
    public async Task Rate_limited_request_waits_exactly_the_reset_then_succeeds()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("quota").WillSetStateTo("refilled")
            .RespondWith(Stubs.Json(Stubs.Fail("err_rate_limit", "quota exhausted", true, 429), 429).WithQuota(100, 0, 1500));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("quota").WhenStateIs("refilled")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 2)).WithQuota(100, 99, 60000));
        var start = h.Time.GetUtcNow();

        var call = h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1500));
        h.Time.Advance(TimeSpan.FromMilliseconds(1499));
        await Task.Yield();
        Assert.Single(h.SentTo(Stubs.UrlPath));
        Assert.False(call.IsCompleted);

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var page = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, page.Items.Count);
        var sent = h.SentTo(Stubs.UrlPath);
        Assert.Equal(2, sent.Count);
        Assert.Equal(start + TimeSpan.FromMilliseconds(1500), sent[1].At);
        Assert.NotEqual(sent[0].Header("x-mc-req-id"), sent[1].Header("x-mc-req-id"));
        Assert.Equal(99, page.RateLimit?.Remaining);
    }

    [Fact]
    public async Task Empty_bucket_holds_concurrent_callers_until_the_reset_instead_of_provoking_429s()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("bucket").WillSetStateTo("empty-announced")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 0, 1000));
        // The refilled answer keeps the scenario in its state: a mapping without a next state would send WireMock back
        // to the first mapping, and an "empty" answer to one of the five would rightly hold the rest another second.
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("bucket").WhenStateIs("empty-announced").WillSetStateTo("empty-announced")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 9, 1000));
        var start = h.Time.GetUtcNow();

        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        var callers = Enumerable.Range(0, 5).Select(_ => h.Client.Ttp.GetUrlLogsPageAsync(null, null)).ToArray();
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1000));
        await Task.Yield();
        Assert.Single(h.SentTo(Stubs.UrlPath));

        h.Time.Advance(TimeSpan.FromMilliseconds(1000));
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        var sent = h.SentTo(Stubs.UrlPath);
        Assert.Equal(6, sent.Count);
        Assert.All(sent.Skip(1), r => Assert.True(r.At >= start + TimeSpan.FromMilliseconds(1000)));
        Assert.DoesNotContain(h.Server.LogEntries, e => Equals(e.ResponseMessage?.StatusCode, 429));
    }

    [Fact]
    public async Task A_hold_ends_at_the_reset_even_when_the_clock_moved_before_its_timer_was_armed()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("bucket").WillSetStateTo("empty-announced")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 0, 1000));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("bucket").WhenStateIs("empty-announced")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 9, 1000));
        var start = h.Time.GetUtcNow();
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        // The waiter computes 1000 ms under the bucket's lock, then is "descheduled" for 300 ms before arming its timer.
        h.Time.PreemptNextTimer(TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(300));
        var held = h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1000));
        h.Time.Advance(TimeSpan.FromMilliseconds(699));
        await Task.Yield();
        Assert.Single(h.SentTo(Stubs.UrlPath));

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(10));

        var sent = h.SentTo(Stubs.UrlPath);
        Assert.Equal(2, sent.Count);
        Assert.Equal(start + TimeSpan.FromMilliseconds(1000), sent[1].At);
    }

    [Fact]
    public async Task Hold_is_shared_by_two_clients_using_the_same_credentials_but_not_by_other_credentials()
    {
        await using var h = SdkHarness.Start(services: (s, harness) =>
        {
            // Same access key as the default client; a different key for the other one.
            s.AddMimecastClient("same-user", o => harness.Configure(o, MimecastApiGeneration.Api1));
            s.AddMimecastClient("other-user", o =>
            {
                harness.Configure(o, MimecastApiGeneration.Api1);
                o.Api1!.AccessKey = "another-users-access-key";
            });
        });
        var same = h.Services.GetRequiredService<IMimecastClientFactory>();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).AtPriority(10).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 5, 1000));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", "MC " + SdkHarness.AccessKey + ":*")).AtPriority(1)
            .InScenario("u").WillSetStateTo("empty")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 0, 2000));

        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        var sameUser = same.CreateClient("same-user").Ttp.GetUrlLogsPageAsync(null, null);
        var otherUser = await same.CreateClient("other-user").Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(10));
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(2000));

        Assert.Single(otherUser.Items);
        Assert.False(sameUser.IsCompleted);
        h.Time.Advance(TimeSpan.FromMilliseconds(2000));
        await sameUser.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public async Task A_429_without_a_usable_reset_header_falls_back_to_a_bounded_jittered_backoff(string? reset)
    {
        await using var h = SdkHarness.Start(configure: o =>
        {
            o.RateLimit.FallbackDelay = TimeSpan.FromSeconds(2);
            o.RateLimit.MaxFallbackDelay = TimeSpan.FromSeconds(8);
        });
        var tooMany = Stubs.Json(Stubs.Fail("err_rate_limit", "slow down", true, 429), 429);
        if (reset is not null)
        {
            tooMany = tooMany.WithHeader("X-RateLimit-Reset", reset);
        }

        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("q").WillSetStateTo("ok").RespondWith(tooMany);
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("q").WhenStateIs("ok").RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        var call = h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        var wait = await h.Time.WaitForTimerWithinAsync(TimeSpan.FromSeconds(2));

        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        h.Time.Advance(wait);
        Assert.Single((await call.WaitAsync(TimeSpan.FromSeconds(10))).Items);
    }

    [Fact]
    public async Task Quota_exhausted_longer_than_the_configured_wait_throws_the_rate_limit_exception_without_double_retries()
    {
        await using var h = SdkHarness.Start(configure: o =>
        {
            o.RateLimit.MaxWait = TimeSpan.FromSeconds(10);
            o.Retry.MaxRetryAttempts = 3;
        });
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(
            Stubs.Json(Stubs.Fail("err_rate_limit", "quota", true, 429), 429).WithQuota(100, 0, 4000));

        var call = h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(4000));
        h.Time.Advance(TimeSpan.FromMilliseconds(4000));
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(4000));
        h.Time.Advance(TimeSpan.FromMilliseconds(4000));

        var e = await Assert.ThrowsAsync<MimecastRateLimitException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(4000), e.RetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(8000), e.TotalWait);
        Assert.Equal("err_rate_limit", e.ErrorCode);
        Assert.Equal(Stubs.UrlPath, e.OperationPath);
        // Three answers of 429, each sent once: the transient retry did not multiply them.
        Assert.Equal(3, h.SentTo(Stubs.UrlPath).Count);
    }

    [Fact]
    public async Task A_hold_longer_than_the_budget_fails_fast_without_sending()
    {
        await using var h = SdkHarness.Start(configure: o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(30));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(100, 0, 120_000));
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        var e = await Assert.ThrowsAsync<MimecastRateLimitException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(TimeSpan.FromMilliseconds(120_000), e.RetryAfter);
        Assert.Null(e.StatusCode);
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }

    [Fact]
    public async Task Cancelling_a_rate_limit_wait_stops_without_another_request()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.Fail("err_rate_limit", "q", true, 429), 429).WithQuota(100, 0, 5000));
        using var cts = new CancellationTokenSource();

        var call = h.Client.Ttp.GetUrlLogsPageAsync(null, null, cts.Token);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(5000));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }
}
