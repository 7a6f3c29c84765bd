using System.Net;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace Mimecast.Sdk.Tests;

public class ErrorTests
{
    [Fact]
    public async Task Http_200_with_a_fail_array_throws_with_every_code_message_and_retryable_flag()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[],"fail":[{"key":{"from":"yesterday"},"errors":[
              {"code":"err_validation_invalid_date","message":"0013 Invalid date","retryable":false,"field":"from"},
              {"code":"err_validation_blank","message":"Blank","retryable":true,"field":"route"}]}]}
            """));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(typeof(MimecastApiException), e.GetType());
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Equal(
            [new MimecastError { Code = "err_validation_invalid_date", Message = "0013 Invalid date", Field = "from" }, new MimecastError { Code = "err_validation_blank", Message = "Blank", Retryable = true, Field = "route" }],
            e.Errors);
        Assert.True(e.IsRetryable);
        Assert.Equal(Stubs.UrlPath, e.OperationPath);
        Assert.Equal(h.SentTo(Stubs.UrlPath).Single().Header("x-mc-req-id"), e.RequestId);
        Assert.Contains("err_validation_invalid_date", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.RequestId!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_200_with_a_failing_function_status_and_empty_fail_is_a_failure()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json("""{"meta":{"status":403},"data":[],"fail":[]}"""));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(403, e.FunctionStatus);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Empty(e.Errors);
    }

    [Fact]
    public async Task Http_418_throws_the_binding_expired_exception_telling_to_refresh()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.Fail("err_xdk_binding_expired", "Binding expired", false, 418), 418));

        var e = await Assert.ThrowsAsync<MimecastBindingExpiredException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.IsAssignableFrom<MimecastAuthenticationException>(e);
        Assert.Equal((HttpStatusCode)418, e.StatusCode);
        Assert.Equal("err_xdk_binding_expired", e.ErrorCode);
        Assert.Contains("RefreshTokenAsync", e.Message, StringComparison.Ordinal);
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }

    [Fact]
    public async Task Http_401_on_api1_throws_the_authentication_exception_without_retrying()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.Fail("err_xdk_invalid_signature", "0004 Invalid Signature", false, 401), 401));

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal("err_xdk_invalid_signature", e.ErrorCode);
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }

    [Fact]
    public async Task Malformed_json_throws_the_invalid_response_exception()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[{"clickLogs":[{"url":"htt"""));

        var e = await Assert.ThrowsAsync<MimecastInvalidResponseException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
        Assert.NotNull(e.RequestId);
    }

    [Fact]
    public async Task Empty_body_throws_the_invalid_response_exception()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Response.Create().WithStatusCode(200));

        var e = await Assert.ThrowsAsync<MimecastInvalidResponseException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(Stubs.UrlPath, e.OperationPath);
    }

    [Fact]
    public async Task Html_error_page_is_retried_as_transient_then_throws_with_its_status()
    {
        await using var h = SdkHarness.Start(configure: o => o.Retry.MaxRetryAttempts = 2);
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Response.Create().WithStatusCode(502)
            .WithHeader("Content-Type", "text/html").WithBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        Assert.Empty(e.Errors);
        Assert.Equal(3, h.SentTo(Stubs.UrlPath).Count);
    }

    [Fact]
    public async Task Html_page_with_http_200_throws_the_invalid_response_exception()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "text/html").WithBody("<html>maintenance</html>"));

        var e = await Assert.ThrowsAsync<MimecastInvalidResponseException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Contains("text/html", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropped_connections_are_retried_then_surface_as_a_typed_exception()
    {
        await using var h = SdkHarness.Start(configure: o => o.Retry.MaxRetryAttempts = 1);
        h.Drops[Stubs.UrlPath] = 10;

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Null(e.StatusCode);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Equal(2, h.SentTo(Stubs.UrlPath).Count);
        Assert.Equal(h.SentTo(Stubs.UrlPath)[1].Header("x-mc-req-id"), e.RequestId);
    }

    [Fact]
    public async Task A_dropped_connection_then_success_is_absorbed_by_the_retry()
    {
        await using var h = SdkHarness.Start();
        h.Drops[Stubs.UrlPath] = 1;
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 2)));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(2, page.Items.Count);
        Assert.Equal(2, h.SentTo(Stubs.UrlPath).Count);
    }

    [Fact]
    public async Task A_5xx_then_success_is_absorbed_by_the_retry()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("x").WillSetStateTo("ok").RespondWith(Stubs.Json(Stubs.Fail("err_internal", "down", true, 503), 503));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("x").WhenStateIs("ok").RespondWith(Stubs.Json(Stubs.UrlLogs(0, 4)));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(4, page.Items.Count);
    }

    [Fact]
    public async Task A_login_is_not_resent_after_a_dropped_connection_because_it_would_create_a_second_binding()
    {
        await using var h = SdkHarness.Start();
        h.Drops["/api/login/login"] = 10;

        await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Login.LoginAsync(new MimecastUserCredentials("soc@example.com", "pw")));

        Assert.Single(h.SentTo("/api/login/login"));
    }

    [Fact]
    public async Task Data_calls_without_data_credentials_throw_a_clear_authentication_exception()
    {
        await using var h = SdkHarness.Start(configure: o => o.Api1 = new MimecastApi1Options { AppId = SdkHarness.AppId, AppKey = SdkHarness.AppKey });

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Contains("no credentials for data calls", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Sent);
    }
}
