using System.Net;
using System.Net.Sockets;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Operations;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Engine;

/// <summary>
/// A non-idempotent write is resent only when Mimecast provably did not execute it (a 429, or a failure before the
/// request was sent); after anything that may have reached Mimecast it is not resent and the caller gets
/// <see cref="MimecastOutcomeUnknownException"/> saying what to check.
/// </summary>
public class NonIdempotentWriteRetryTests
{
    private const string Ok = """{"meta":{"status":200},"data":[{"id":"msg-1"}],"fail":[]}""";

    private static Task<MimecastBulkResult<string, string>> Send(IMimecastClient client, OperationIdempotency idempotency, params string[] ids) =>
        ((MimecastClient)client).Transport.SendBulkAsync(TestOperations.Bulk(idempotency, 10), ids, CancellationToken.None);

    private static Task<TestResult> Call(IMimecastClient client, OperationIdempotency idempotency) =>
        ((MimecastClient)client).Transport.CallAsync(TestOperations.Write(idempotency), new TestItem { Id = "msg-1" },
            TestJsonContext.Default.RequestEnvelopeTestItem, TestJsonContext.Default.ResponseEnvelopeTestResult, CancellationToken.None, "msg-1");

    [Fact]
    public async Task A_429_is_resent_once_after_the_reset()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).InScenario("quota").WillSetStateTo("refilled")
            .RespondWith(Stubs.Json(Stubs.Fail("err_rate_limit", "quota exhausted", true, 429), 429).WithQuota(100, 0, 1500));
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).InScenario("quota").WhenStateIs("refilled").RespondWith(Stubs.Json(Ok));

        var call = Call(h.Client, OperationIdempotency.NonIdempotentWrite);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1500));
        h.Time.Advance(TimeSpan.FromMilliseconds(1500));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("msg-1", result.Id);
        Assert.Equal(2, h.Received(TestOperations.WritePath));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(408)]
    public async Task A_server_error_is_not_resent_and_the_outcome_is_reported_unknown(int status)
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Stubs.FlatFail("err_unavailable", "try later", status), status));

        var e = await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() => Call(h.Client, OperationIdempotency.NonIdempotentWrite));

        Assert.Equal(1, h.Received(TestOperations.WritePath));
        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Equal("test-write", e.Operation);
        Assert.StartsWith("Check whether the test items were released", e.WhatToCheck, StringComparison.Ordinal);
        Assert.Contains(e.WhatToCheck, e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.RequestId);
    }

    [Fact]
    public async Task A_connection_cut_after_sending_is_not_resent_and_names_the_item_concerned()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Ok));
        h.Drops[TestOperations.WritePath] = 1;

        var e = await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() => Call(h.Client, OperationIdempotency.NonIdempotentWrite));

        Assert.Single(h.SentTo(TestOperations.WritePath));
        Assert.Null(e.StatusCode);
        Assert.Equal(["msg-1"], e.Items);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task A_bulk_call_cut_after_sending_marks_its_items_unknown_and_is_not_resent()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).RespondWith(Stubs.Json(Ok));
        h.Drops[TestOperations.WritePath] = 1;

        var result = await Send(h.Client, OperationIdempotency.NonIdempotentWrite, "msg-1", "msg-2");

        Assert.Single(h.SentTo(TestOperations.WritePath));
        Assert.All(result.Items, i => Assert.Equal(MimecastItemStatus.OutcomeUnknown, i.Status));
        Assert.Equal(2, Assert.Throws<MimecastBulkException>(() => result.EnsureSuccess()).OutcomeUnknownCount);
    }

    [Fact]
    public async Task The_same_faults_are_retried_for_reads_and_idempotent_writes()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Stubs.Json(Stubs.FlatFail("err_unavailable", "try later", 503), 503));
        h.Server.Given(Stubs.Post(TestOperations.WritePath)).InScenario("flaky").WhenStateIs("up").RespondWith(Stubs.Json(Ok));
        h.Drops[TestOperations.WritePath] = 1;

        var result = await Call(h.Client, OperationIdempotency.IdempotentWrite);

        Assert.Equal("msg-1", result.Id);
        Assert.Equal(3, h.SentTo(TestOperations.WritePath).Count); // cut, 503, success
    }

    [Fact]
    public async Task A_refused_connection_is_resent_because_nothing_was_sent()
    {
        // A loopback port with no listener: every connection attempt is refused before a byte of the request is sent.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var h = SdkHarness.Start(configure: o =>
        {
            o.BaseUrl = new Uri($"http://127.0.0.1:{port}/");
            o.Retry.MaxRetryAttempts = 2;
        });

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => Call(h.Client, OperationIdempotency.NonIdempotentWrite));

        Assert.IsNotType<MimecastOutcomeUnknownException>(e);
        Assert.Equal(3, h.SentTo(TestOperations.WritePath).Count);
        Assert.True(MimecastTransportFault.ProvablyNotSent(e.InnerException));
    }
}
