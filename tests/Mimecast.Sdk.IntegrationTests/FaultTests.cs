using System.Net;

namespace Mimecast.Sdk.IntegrationTests;

/// <summary>Every fault the simulator injects, on data calls and on the login family: the outcome the SDK promises, never a NullReferenceException.</summary>
public sealed class FaultTests
{
    private const string UrlPath = "/api/ttp/url/get-logs";

    // Faults of SIEM batch-file downloads (expired link, truncated gzip, malformed line) never match an API call;
    // the SIEM tests cover them.
    private static IEnumerable<SimulatorFault> ApiFaults => Enum.GetValues<SimulatorFault>()
        .Where(f => f is not (SimulatorFault.ExpiredLink or SimulatorFault.TruncatedGzip or SimulatorFault.MalformedLine));

    public static TheoryData<MimecastApiGeneration, SimulatorFault> DataFaults
    {
        get
        {
            var data = new TheoryData<MimecastApiGeneration, SimulatorFault>();
            foreach (var generation in new[] { MimecastApiGeneration.Api1, MimecastApiGeneration.Api2 })
            {
                foreach (var fault in ApiFaults)
                {
                    data.Add(generation, fault);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, SimulatorFault> LoginFaults
    {
        get
        {
            var data = new TheoryData<string, SimulatorFault>();
            foreach (var operation in new[] { "discover", "login", "refresh" })
            {
                foreach (var fault in ApiFaults)
                {
                    data.Add(operation, fault);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DataFaults))]
    public async Task A_fault_on_a_data_call_has_the_promised_outcome(MimecastApiGeneration generation, SimulatorFault fault)
    {
        // Sequential paging: the fault is queued while page 1 is consumed and must hit page 2, not a page read ahead.
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 30, attachment: 0, impersonation: 0), o => o.Paging.ReadAhead = false);
        h.Simulator.Faults.LatencyDuration = TimeSpan.FromMilliseconds(150);
        h.Simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(300);
        var expected = h.Simulator.Records<SimulatorUrlLog>().All().Select(Harness.Key).Reverse().ToList();

        // The first page succeeds, the fault hits the second page (twice for the retried kinds).
        var count = fault is SimulatorFault.ServerError or SimulatorFault.HtmlErrorPage or SimulatorFault.DroppedConnection or SimulatorFault.AppliedAnswerLost ? 2 : 1;
        var records = new List<string>();
        Exception? error = null;
        try
        {
            await foreach (var record in h.Client.Ttp.GetUrlLogsAsync())
            {
                records.Add(Harness.Key(record));
                if (records.Count == 1)
                {
                    h.Simulator.Faults.Enqueue(fault, count);
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        var calls = h.Simulator.Journal.Entries.Where(e => e.Path == UrlPath).ToList();
        switch (fault)
        {
            case SimulatorFault.ServerError or SimulatorFault.HtmlErrorPage or SimulatorFault.DroppedConnection or SimulatorFault.AppliedAnswerLost:
                Assert.Null(error);
                Assert.Equal(expected, records);
                Assert.Equal(count, calls.Count(c => c.Fault == fault));
                Assert.Equal(5 + count, calls.Count);
                break;
            case SimulatorFault.Latency:
                Assert.Null(error);
                Assert.Equal(expected, records);
                Assert.Equal(5, calls.Count);
                break;
            case SimulatorFault.RateLimited:
                Assert.Null(error);
                Assert.Equal(expected, records);
                Assert.Equal(1, h.Simulator.RateLimitedResponses);
                Assert.Equal(0, h.Simulator.RequestsDuringWait);
                var limited = calls.Single(c => c.StatusCode == 429);
                var resent = calls[calls.IndexOf(limited) + 1];
                Assert.True(resent.Timestamp - limited.Timestamp >= TimeSpan.FromMilliseconds(300), $"resent after {(resent.Timestamp - limited.Timestamp).TotalMilliseconds} ms");
                break;
            case SimulatorFault.TokenExpired when generation == MimecastApiGeneration.Api2:
                Assert.Null(error);
                Assert.Equal(expected, records);
                Assert.Equal(2, h.Simulator.TokensIssued);
                Assert.Equal(1, calls.Count(c => c.StatusCode == 401));
                break;
            case SimulatorFault.TokenExpired:
                // API 1.0 has no token to renew: the 401 surfaces once, unretried.
                var auth = Assert.IsType<MimecastAuthenticationException>(error);
                Assert.Equal(SimulatorErrorCodes.TokenExpired, auth.ErrorCode);
                Assert.Equal(HttpStatusCode.Unauthorized, auth.StatusCode);
                Assert.Equal(2, calls.Count);
                break;
            case SimulatorFault.FailEnvelope:
                var api = Assert.IsType<MimecastApiException>(error);
                Assert.Equal(SimulatorErrorCodes.InternalError, api.ErrorCode);
                Assert.True(api.IsRetryable);
                Assert.Equal(HttpStatusCode.OK, api.StatusCode);
                Assert.Equal(UrlPath, api.OperationPath);
                Assert.Equal(7, records.Count);
                Assert.Equal(2, calls.Count);
                break;
            case SimulatorFault.MalformedJson:
                var invalid = Assert.IsType<MimecastInvalidResponseException>(error);
                Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
                Assert.Equal(7, records.Count);
                Assert.Equal(2, calls.Count);
                break;
            default:
                Assert.Fail("unhandled fault " + fault);
                break;
        }

        Assert.Equal(0, h.Simulator.Faults.PendingCount);
    }

    [Theory]
    [MemberData(nameof(LoginFaults))]
    public async Task A_fault_on_the_login_family_has_the_promised_outcome(string operation, SimulatorFault fault)
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        h.Simulator.Faults.LatencyDuration = TimeSpan.FromMilliseconds(100);
        h.Simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(200);
        var path = operation == "discover" ? "/api/login/discover-authentication" : "/api/login/login";
        var transient = fault is SimulatorFault.ServerError or SimulatorFault.HtmlErrorPage or SimulatorFault.DroppedConnection or SimulatorFault.AppliedAnswerLost;
        // Login and refresh are never resent (issue 11 item 4): one fault is all they meet.
        var count = transient && operation != "discover" ? 1 : transient ? 2 : 1;
        h.Simulator.Faults.Enqueue(fault, count, path);

        Func<Task<object>> call = operation switch
        {
            "discover" => async () => await h.Client.Login.DiscoverAuthenticationAsync(MimecastSimulatorDefaults.EmailAddress),
            "login" => async () => await h.Client.Login.LoginAsync(Harness.CloudCredentials),
            _ => async () => await h.Client.Login.RefreshTokenAsync(Harness.CloudCredentials, MimecastSimulatorDefaults.AccessKey),
        };
        Exception? error = null;
        object? result = null;
        try
        {
            result = await call();
        }
        catch (Exception e)
        {
            error = e;
        }

        var calls = h.Simulator.Journal.Entries.Where(e => e.Path == path).ToList();
        switch (fault)
        {
            case SimulatorFault.DroppedConnection or SimulatorFault.AppliedAnswerLost when operation != "discover":
                // A login or refresh that may have reached the server is not resent (it could create a second binding).
                var transport = Assert.IsType<MimecastApiException>(error);
                Assert.Null(transport.StatusCode);
                Assert.IsType<HttpRequestException>(transport.InnerException);
                Assert.Contains("not retried", transport.Message, StringComparison.Ordinal);
                Assert.Single(calls);
                break;
            case SimulatorFault.ServerError or SimulatorFault.HtmlErrorPage when operation != "discover":
                var failed = Assert.IsType<MimecastApiException>(error);
                Assert.NotNull(failed.StatusCode);
                Assert.Contains("not retried", failed.Message, StringComparison.Ordinal);
                Assert.Single(calls);
                break;
            case SimulatorFault.ServerError or SimulatorFault.HtmlErrorPage or SimulatorFault.DroppedConnection or SimulatorFault.AppliedAnswerLost or SimulatorFault.Latency:
                Assert.Null(error);
                Assert.NotNull(result);
                Assert.Equal(fault == SimulatorFault.Latency ? 1 : 3, calls.Count);
                break;
            case SimulatorFault.RateLimited:
                Assert.Null(error);
                Assert.NotNull(result);
                Assert.Equal(1, h.Simulator.RateLimitedResponses);
                Assert.Equal(0, h.Simulator.RequestsDuringWait);
                break;
            case SimulatorFault.TokenExpired:
                Assert.IsType<MimecastAuthenticationException>(error);
                Assert.Single(calls);
                break;
            case SimulatorFault.FailEnvelope:
                var api = Assert.IsType<MimecastApiException>(error);
                Assert.Equal(SimulatorErrorCodes.InternalError, api.ErrorCode);
                Assert.True(api.IsRetryable);
                Assert.Single(calls);
                break;
            case SimulatorFault.MalformedJson:
                Assert.IsType<MimecastInvalidResponseException>(error);
                Assert.Single(calls);
                break;
            default:
                Assert.Fail("unhandled fault " + fault);
                break;
        }
    }

    [Fact]
    public async Task A_slow_answer_past_the_attempt_timeout_is_retried()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1, Harness.Options(url: 5, attachment: 0, impersonation: 0),
            o => o.Retry.AttemptTimeout = TimeSpan.FromSeconds(2)); // far above a healthy answer, even on a loaded machine
        h.Simulator.Faults.LatencyDuration = TimeSpan.FromSeconds(60);
        h.Simulator.Faults.Enqueue(SimulatorFault.Latency);

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(5, page.Items.Count);
        // The abandoned first attempt is journaled when the simulator notices the disconnect: wait for it (bounded).
        for (var i = 0; i < 500 && h.Requests(UrlPath) < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, h.Requests(UrlPath));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1, SimulatorFault.ServerError)]
    [InlineData(MimecastApiGeneration.Api2, SimulatorFault.DroppedConnection)]
    [InlineData(MimecastApiGeneration.Api1, SimulatorFault.HtmlErrorPage)]
    public async Task A_persistent_transient_fault_gives_up_after_the_retries_with_a_typed_exception(MimecastApiGeneration generation, SimulatorFault fault)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 5, attachment: 0, impersonation: 0));
        h.Simulator.Faults.Enqueue(fault, 10);

        var e = await Assert.ThrowsAnyAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(4, h.Requests(UrlPath)); // 1 + MaxRetryAttempts (3)
        Assert.Equal(fault == SimulatorFault.DroppedConnection ? null : fault == SimulatorFault.ServerError ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.BadGateway, e.StatusCode);
        if (fault == SimulatorFault.ServerError)
        {
            Assert.Equal(SimulatorErrorCodes.ServiceUnavailable, e.ErrorCode);
            Assert.True(e.IsRetryable);
        }
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Under_random_faults_every_failure_is_a_typed_MimecastApiException(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 30, attachment: 20, impersonation: 15));
        var f = h.Simulator.Faults;
        f.LatencyDuration = TimeSpan.FromMilliseconds(5);
        f.RateLimitedReset = TimeSpan.FromMilliseconds(20);
        f.ServerErrorRate = f.LatencyRate = f.FailEnvelopeRate = f.MalformedJsonRate = 0.06;
        f.HtmlErrorPageRate = f.DroppedConnectionRate = f.RateLimitedRate = 0.06;

        var failures = new List<Exception>();
        var completed = 0;
        for (var round = 0; round < 15; round++)
        {
            try
            {
                var count = round % 3 switch
                {
                    0 => await h.Client.Ttp.GetUrlLogsAsync().CountAsync(),
                    1 => await h.Client.Ttp.GetAttachmentLogsAsync().CountAsync(),
                    _ => await h.Client.Ttp.GetImpersonationLogsAsync().CountAsync(),
                };
                Assert.Equal(round % 3 switch { 0 => 30, 1 => 20, _ => 15 }, count);
                completed++;
            }
            catch (MimecastApiException e)
            {
                failures.Add(e);
            }
        }

        Assert.All(failures, e => Assert.True(e is MimecastInvalidResponseException || ((MimecastApiException)e).ErrorCode == SimulatorErrorCodes.InternalError
            || ((MimecastApiException)e).StatusCode is not null || e.InnerException is HttpRequestException, e.ToString()));
        Assert.True(completed > 0);
        Assert.Equal(0, h.Simulator.RequestsDuringWait);
    }
}
