using System.Net;
using Mimecast.Sdk.Tests.Infrastructure;
using Polly.Timeout;

namespace Mimecast.Sdk.Tests.Edges;

/// <summary>Issue 11 items 1 and 4: every byte inside the attempt, one deadline per call, logins never sent twice.</summary>
public class TransportEdgeTests
{
    private static readonly MimecastUserCredentials User = new("soc@example.com", "pa55word-never-logged");

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_body_that_stalls_after_the_headers_is_timed_out_inside_the_attempt_and_retried(MimecastApiGeneration generation)
    {
        await using var h = EdgeHarness.Start(Stubs.UrlPath, Misbehaviour.StallAfterHeaders, generation, times: 1);
        MimecastPage<TtpUrlLog>? page = null;

        var e = await h.RunAsync(async () => page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null), (EdgeHarness.AttemptTimeout, () => Math.Min(h.HeadersSeen, 1)));

        Assert.Null(e);
        Assert.Single(page!.Items);
        Assert.Equal(2, h.Server.Received(Stubs.UrlPath));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_body_cut_mid_way_is_retried_like_a_5xx_and_the_retry_succeeds(MimecastApiGeneration generation)
    {
        await using var h = EdgeHarness.Start(Stubs.UrlPath, Misbehaviour.CloseMidBody, generation, times: 1);

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(page.Items);
        Assert.Equal(2, h.Server.Received(Stubs.UrlPath));
    }

    [Fact]
    public async Task A_reset_is_retried_and_the_retry_succeeds()
    {
        await using var h = EdgeHarness.Start(Stubs.AttachmentPath, Misbehaviour.Reset, MimecastApiGeneration.Api1, times: 1);

        var page = await h.Client.Ttp.GetAttachmentLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(page.Items);
        Assert.Equal(2, h.Server.Received(Stubs.AttachmentPath));
    }

    [Fact]
    public async Task After_the_last_attempt_a_cut_body_is_a_MimecastApiException_without_status_carrying_the_io_exception()
    {
        await using var h = EdgeHarness.Start(Stubs.UrlPath, Misbehaviour.CloseMidBody, MimecastApiGeneration.Api1, o => o.Retry.MaxRetryAttempts = 2);

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Null(e.StatusCode);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
        Assert.Equal(3, h.Server.Received(Stubs.UrlPath));
        Assert.Contains("3 attempt(s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_bounds_all_attempts_together()
    {
        // Six attempts of 10 s each would be allowed; the call as a whole may take 15 s.
        await using var h = EdgeHarness.Start(Stubs.UrlPath, Misbehaviour.StallAfterHeaders, MimecastApiGeneration.Api1, o =>
        {
            o.Retry.MaxRetryAttempts = 5;
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Retry.TotalTimeout = TimeSpan.FromSeconds(15);
        });
        var start = h.Time.GetUtcNow();

        var e = await h.RunAsync(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null), (TimeSpan.FromSeconds(10), () => h.HeadersSeen));

        var typed = Assert.IsType<MimecastApiException>(e);
        Assert.Null(typed.StatusCode);
        Assert.IsType<TimeoutRejectedException>(typed.InnerException);
        Assert.Contains("Retry.TotalTimeout", typed.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Server.Received(Stubs.UrlPath));
        Assert.InRange(h.Time.GetUtcNow() - start, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(Misbehaviour.HugeDeclared)]
    [InlineData(Misbehaviour.HugeBody)]
    public async Task A_body_larger_than_MaxResponseSize_is_refused_with_a_typed_exception_not_read_into_memory(Misbehaviour behaviour)
    {
        // The default limit (32 MiB): the server offers 10 GiB (announced) or 256 MB (unannounced).
        await using var h = EdgeHarness.Start(Stubs.UrlPath, behaviour, MimecastApiGeneration.Api1, o => o.MaxResponseSize = MimecastClientOptions.DefaultMaxResponseSize);

        var e = await Assert.ThrowsAsync<MimecastInvalidResponseException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Contains("MaxResponseSize", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Server.Received(Stubs.UrlPath));
    }

    [Theory]
    [InlineData("login")]
    [InlineData("refresh")]
    public async Task A_503_on_login_or_refresh_reaches_the_server_exactly_once(string operation)
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post("/api/login/login")).RespondWith(Stubs.Json(Stubs.FlatFail("err_unavailable", "try later", 503), 503));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => operation == "login"
            ? h.Client.Login.LoginAsync(User)
            : h.Client.Login.RefreshTokenAsync(User, "existing-access-key"));

        Assert.Equal(1, h.Received("/api/login/login"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Contains("not retried", e.Message, StringComparison.Ordinal);
        Assert.Contains("binding", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("refresh")]
    public async Task A_dropped_connection_on_login_or_refresh_is_not_resent(string operation)
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post("/api/login/login")).RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[{"accessKey":"ak","secretKey":"c2s="}],"fail":[]}"""));
        h.Drops["/api/login/login"] = 1;

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => operation == "login"
            ? h.Client.Login.LoginAsync(User)
            : h.Client.Login.RefreshTokenAsync(User, "existing-access-key"));

        Assert.Single(h.SentTo("/api/login/login"));
        Assert.Null(e.StatusCode);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("not retried", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_on_a_data_call_is_still_retried()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Stubs.Json(Stubs.FlatFail("err_unavailable", "try later", 503), 503));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("flaky").WhenStateIs("up").RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Single(page.Items);
        Assert.Equal(2, h.Received(Stubs.UrlPath));
    }
}
