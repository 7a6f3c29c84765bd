using System.Net;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace Mimecast.Sdk.Tests;

public class OAuthTests
{
    [Fact]
    public async Task A_hundred_concurrent_first_calls_make_exactly_one_token_request()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).RespondWith(
            Stubs.Json("""{"access_token":"bearer-token-A","token_type":"Bearer","expires_in":1799,"scope":""}""").WithDelay(TimeSpan.FromMilliseconds(300)));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null))).ToArray();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, h.Received(Stubs.TokenPath));
        var data = h.SentTo(Stubs.UrlPath);
        Assert.Equal(100, data.Count);
        Assert.All(data, r => Assert.Equal("Bearer bearer-token-A", r.Header("Authorization")));
    }

    [Fact]
    public async Task Token_request_sends_client_credentials_form()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        var token = Assert.Single(h.Server.LogEntries, e => e.RequestMessage!.Path == Stubs.TokenPath);
        Assert.Equal($"client_id={SdkHarness.ClientId}&client_secret={SdkHarness.ClientSecret}&grant_type=client_credentials", token.RequestMessage!.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", token.RequestMessage!.Headers!["Content-Type"].First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_call_renews_the_token_once_and_retries_once()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).InScenario("tokens").WillSetStateTo("second")
            .RespondWith(Stubs.Json("""{"access_token":"bearer-token-A","token_type":"Bearer","expires_in":1799}"""));
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).InScenario("tokens").WhenStateIs("second")
            .RespondWith(Stubs.Json("""{"access_token":"bearer-token-B","token_type":"Bearer","expires_in":1799}"""));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", "Bearer bearer-token-A"))
            .RespondWith(Stubs.Json(Stubs.FlatFail("token_expired", "The token has expired", 401), 401));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", "Bearer bearer-token-B"))
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 3)));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(3, page.Items.Count);
        Assert.Equal(2, h.Received(Stubs.TokenPath));
        var data = h.SentTo(Stubs.UrlPath);
        Assert.Equal(["Bearer bearer-token-A", "Bearer bearer-token-B"], data.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task Unauthorized_again_after_renewal_throws_the_authentication_exception_after_one_retry()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.FlatFail("token_expired", "The token has expired", 401), 401));

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("token_expired", e.ErrorCode);
        Assert.Equal(2, h.SentTo(Stubs.UrlPath).Count);
        Assert.Equal(2, h.Received(Stubs.TokenPath));
    }

    [Fact]
    public async Task Token_is_cached_then_renewed_before_it_expires()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Api2!.RefreshBeforeExpiry = TimeSpan.FromSeconds(60));
        h.Server.Token(expiresIn: 1800);
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        h.Time.Advance(TimeSpan.FromSeconds(1739));
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        Assert.Equal(1, h.Received(Stubs.TokenPath));

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        Assert.Equal(2, h.Received(Stubs.TokenPath));
    }

    [Fact]
    public async Task Refused_client_credentials_throw_the_authentication_exception_and_send_no_data_call()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).RespondWith(
            Stubs.Json("""{"error":"invalid_client","fail":[{"code":"err_invalid_client","message":"Bad client"}]}""", 401));

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("err_invalid_client", e.ErrorCode);
        Assert.Empty(h.SentTo(Stubs.UrlPath));
        Assert.DoesNotContain(SdkHarness.ClientSecret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_token_endpoint_failure_is_retried_after_a_short_backoff()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).InScenario("t").WillSetStateTo("ok")
            .RespondWith(Stubs.Json("""{"fail":[{"code":"err_service_unavailable","message":"down"}]}""", 503));
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).InScenario("t").WhenStateIs("ok")
            .RespondWith(Stubs.Json("""{"access_token":"bearer-token-A","token_type":"Bearer","expires_in":1799}"""));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        var call = h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        var backoff = await h.Time.WaitForTimerWithinAsync(TimeSpan.FromMilliseconds(250));
        Assert.Equal(1, h.Received(Stubs.TokenPath));
        h.Time.Advance(backoff);

        Assert.Single((await call.WaitAsync(TimeSpan.FromSeconds(10))).Items);
        Assert.Equal(2, h.Received(Stubs.TokenPath));
        Assert.InRange(backoff, TimeSpan.FromMilliseconds(125), TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task A_failed_token_request_is_not_cached()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).InScenario("t").WillSetStateTo("ok")
            .RespondWith(Stubs.Json("""{"error":"invalid_client"}""", 401));
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).InScenario("t").WhenStateIs("ok")
            .RespondWith(Stubs.Json("""{"access_token":"bearer-token-A","token_type":"Bearer","expires_in":1799}"""));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));
        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Single(page.Items);
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_fail_the_others_waiting_for_the_same_token()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).RespondWith(
            Stubs.Json("""{"access_token":"bearer-token-A","token_type":"Bearer","expires_in":1799}""").WithDelay(TimeSpan.FromMilliseconds(500)));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        using var first = new CancellationTokenSource();

        var cancelled = h.Client.Ttp.GetUrlLogsPageAsync(null, null, first.Token);
        var others = Enumerable.Range(0, 5).Select(_ => h.Client.Ttp.GetUrlLogsPageAsync(null, null)).ToArray();
        await first.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var pages = await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(pages, p => Assert.Single(p.Items));
        Assert.Equal(1, h.Received(Stubs.TokenPath));
    }
}
