using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Mimecast.Sdk.Telemetry.Tests;

/// <summary>
/// Listens with <see cref="ActivityListener"/> and <see cref="MeterListener"/> while the SDK talks to the simulator.
/// Tests run one at a time: the listeners are process-wide.
/// </summary>
public sealed class TelemetryTests
{
    private const string Requests = "mimecast.client.requests";
    private const string Duration = "mimecast.client.request.duration";
    private const string RateLimitWaits = "mimecast.client.rate_limit.waits";
    private const string RateLimitWaitDuration = "mimecast.client.rate_limit.wait.duration";
    private const string Retries = "mimecast.client.retries";
    private const string TokenRenewals = "mimecast.client.token.renewals";

    [Fact]
    public async Task Activity_source_and_meter_are_named_Mimecast_Sdk()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();

        await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);

        Assert.Equal("Mimecast.Sdk", MimecastTelemetryNames.ActivitySourceName);
        Assert.Equal("Mimecast.Sdk", MimecastTelemetryNames.MeterName);
        var activity = Assert.Single(capture.Activities);
        Assert.Equal("Mimecast.Sdk", activity.Source.Name);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.NotEmpty(capture.Measurements);
        Assert.All(capture.Measurements, m => Assert.Equal("Mimecast.Sdk", m.MeterName));
    }

    [Fact]
    public async Task Meter_from_the_hosts_meter_factory_is_named_Mimecast_Sdk()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync(addMetrics: true);

        await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);

        var request = Assert.Single(capture.Of(Requests));
        Assert.Equal("Mimecast.Sdk", request.MeterName);
    }

    [Fact]
    public async Task Successful_api1_call_records_one_activity_and_request_metrics()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();

        await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("ttp-url-logs", activity.GetTagItem("mimecast.operation"));
        Assert.Equal("1.0", activity.GetTagItem("mimecast.api.generation"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(1, activity.GetTagItem("mimecast.attempts"));
        Assert.IsType<double>(activity.GetTagItem("mimecast.rate_limit.wait.duration"));
        Assert.Null(activity.GetTagItem("error.type"));
        Assert.Null(activity.GetTagItem("mimecast.error_codes"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);

        var request = Assert.Single(capture.Of(Requests));
        Assert.Equal(1, request.Value);
        Assert.Equal("ttp-url-logs", request.Tag("mimecast.operation"));
        Assert.Equal("success", request.Tag("mimecast.outcome"));
        Assert.Equal("200", request.Tag("http.response.status_code"));
        var duration = Assert.Single(capture.Of(Duration));
        Assert.True(duration.Value > 0);
        Assert.Equal("ttp-url-logs", duration.Tag("mimecast.operation"));
        Assert.Equal("success", duration.Tag("mimecast.outcome"));
        Assert.Empty(capture.Of(Retries));
        Assert.Empty(capture.Of(TokenRenewals));
    }

    [Fact]
    public async Task Request_that_was_not_held_records_no_rate_limit_wait()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();

        await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);

        Assert.Equal(0d, Assert.Single(capture.Activities).GetTagItem("mimecast.rate_limit.wait.duration"));
        Assert.Empty(capture.Of(RateLimitWaits));
        Assert.Empty(capture.Of(RateLimitWaitDuration));
    }

    [Fact]
    public async Task Api2_call_records_generation_2_and_one_token_renewal()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();

        await sdk.Api2.Ttp.GetAttachmentLogsPageAsync(new TtpAttachmentLogQuery { PageSize = 5 }, null);
        await sdk.Api2.Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { PageSize = 5 }, null);

        Assert.Equal(2, capture.Activities.Count);
        Assert.All(capture.Activities, a => Assert.Equal("2.0", a.GetTagItem("mimecast.api.generation")));
        Assert.Equal(["ttp-attachment-logs", "ttp-impersonation-logs"], capture.Activities.Select(a => a.GetTagItem("mimecast.operation")));
        var renewal = Assert.Single(capture.Of(TokenRenewals));
        Assert.Equal(1, renewal.Value);
        Assert.Equal(2, capture.Of(Requests).Count);
    }

    [Fact]
    public async Task Rate_limited_call_records_the_wait_on_the_activity_and_the_rate_limit_instruments()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();
        sdk.Simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(200);
        sdk.Simulator.Faults.Enqueue(SimulatorFault.RateLimited);

        var page = await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);

        Assert.Equal(5, page.Items.Count);
        var activity = Assert.Single(capture.Activities);
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(2, activity.GetTagItem("mimecast.attempts"));
        // Seconds, as every SDK duration (OpenTelemetry semantic conventions): ~0.2 s, not ~200 (milliseconds).
        var waited = (double)activity.GetTagItem("mimecast.rate_limit.wait.duration")!;
        Assert.True(waited is >= 0.15 and < 5, $"waited {waited} (seconds expected)");
        Assert.Null(activity.GetTagItem("error.type"));

        // One real wait of about the announced reset (see Request_that_was_not_held_records_no_rate_limit_wait for the
        // spurious near-zero waits the SDK records today).
        var waitDuration = Assert.Single(capture.Of(RateLimitWaitDuration), m => m.Value >= 0.15);
        Assert.True(waitDuration.Value < 5, $"recorded {waitDuration.Value} (seconds expected)");
        Assert.Equal("s", waitDuration.Unit);
        Assert.Equal("ttp-url-logs", waitDuration.Tag("mimecast.operation"));
        Assert.NotEmpty(capture.Of(RateLimitWaits));
        Assert.All(capture.Of(RateLimitWaits), w =>
        {
            Assert.Equal(1, w.Value);
            Assert.Equal("ttp-url-logs", w.Tag("mimecast.operation"));
        });
        Assert.Empty(capture.Of(Retries)); // a 429 is a rate-limit wait, not a transient retry
        Assert.Equal("success", Assert.Single(capture.Of(Requests)).Tag("mimecast.outcome"));
    }

    [Fact]
    public async Task Transient_failure_records_a_retry_and_a_failed_operation()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();
        sdk.Simulator.Faults.Enqueue(SimulatorFault.ServerError, count: 2); // MaxRetryAttempts = 1: both attempts fail

        var error = await Assert.ThrowsAnyAsync<MimecastApiException>(() => sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null));

        Assert.Equal(503, (int?)error.StatusCode);
        var activity = Assert.Single(capture.Activities);
        Assert.Equal(503, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(2, activity.GetTagItem("mimecast.attempts"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(error.ErrorCode ?? error.GetType().Name, activity.GetTagItem("error.type"));
        Assert.Contains(SimulatorErrorCodes.ServiceUnavailable, (string)activity.GetTagItem("mimecast.error_codes")!, StringComparison.Ordinal);

        var retry = Assert.Single(capture.Of(Retries));
        Assert.Equal(1, retry.Value);
        Assert.Equal("ttp-url-logs", retry.Tag("mimecast.operation"));
        var request = Assert.Single(capture.Of(Requests));
        Assert.Equal("failure", request.Tag("mimecast.outcome"));
        Assert.Equal("503", request.Tag("http.response.status_code"));
        Assert.Equal("failure", Assert.Single(capture.Of(Duration)).Tag("mimecast.outcome"));
    }

    [Fact]
    public async Task Fail_envelope_records_its_error_codes()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();
        sdk.Simulator.Faults.Enqueue(SimulatorFault.FailEnvelope);

        var error = await Assert.ThrowsAnyAsync<MimecastApiException>(() => sdk.Api2.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(SimulatorErrorCodes.InternalError, activity.GetTagItem("mimecast.error_codes"));
        Assert.Equal(error.ErrorCode ?? error.GetType().Name, activity.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("failure", Assert.Single(capture.Of(Requests)).Tag("mimecast.outcome"));
    }

    [Fact]
    public async Task Rest_siem_call_records_the_same_tags_as_an_envelope_call()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();

        await sdk.Api2.Siem.GetEventsPageAsync(new SiemEventQuery { PageSize = 5 }, null);

        var activity = Assert.Single(capture.Activities, a => (string?)a.GetTagItem("mimecast.operation") == "siem-events");
        Assert.Equal("2.0", activity.GetTagItem("mimecast.api.generation"));
        Assert.Equal("GET", activity.GetTagItem("http.request.method"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(0d, activity.GetTagItem(MimecastTelemetryNames.RateLimitWaitDurationTag));
        var request = Assert.Single(capture.Of(Requests), m => m.Tag("mimecast.operation") == "siem-events");
        Assert.Equal("success", request.Tag("mimecast.outcome"));
        Assert.Equal("2.0", request.Tag("mimecast.api.generation"));
    }

    [Fact]
    public async Task Failed_rest_siem_call_records_its_error_codes()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();
        await sdk.Api2.Siem.GetEventsPageAsync(new SiemEventQuery { PageSize = 5 }, null); // the token, first
        sdk.Simulator.Faults.Enqueue(SimulatorFault.ServerError, count: 2); // MaxRetryAttempts = 1: both attempts fail

        var error = await Assert.ThrowsAnyAsync<MimecastApiException>(() => sdk.Api2.Siem.GetEventsPageAsync(new SiemEventQuery { PageSize = 5 }, null));

        Assert.Equal(503, (int?)error.StatusCode);
        var activity = capture.Activities.Last(a => (string?)a.GetTagItem("mimecast.operation") == "siem-events");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(2, activity.GetTagItem("mimecast.attempts"));
        Assert.Contains(SimulatorErrorCodes.ServiceUnavailable, (string)activity.GetTagItem("mimecast.error_codes")!, StringComparison.Ordinal);
        Assert.IsType<double>(activity.GetTagItem(MimecastTelemetryNames.RateLimitWaitDurationTag));
        Assert.Equal("failure", capture.Of(Requests).Last(m => m.Tag("mimecast.operation") == "siem-events").Tag("mimecast.outcome"));
    }

    [Fact]
    public async Task Every_duration_instrument_is_in_seconds()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();
        sdk.Simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(200);
        sdk.Simulator.Faults.Enqueue(SimulatorFault.RateLimited);

        await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);
        await sdk.Api2.Siem.GetEventsPageAsync(new SiemEventQuery { PageSize = 5 }, null);

        var durations = capture.Measurements.Where(m => m.Instrument.EndsWith(".duration", StringComparison.Ordinal)).ToList();
        Assert.Contains(durations, m => m.Instrument == Duration);
        Assert.Contains(durations, m => m.Instrument == RateLimitWaitDuration);
        Assert.All(durations, m => Assert.Equal("s", m.Unit));

        // A local loopback call and a 200 ms quota wait are well under a minute: a millisecond value would not be.
        Assert.All(durations, m => Assert.True(m.Value is >= 0 and < 60, $"{m.Instrument} recorded {m.Value}: not seconds"));
        Assert.Contains(durations, m => m.Instrument == RateLimitWaitDuration && m.Value >= 0.15);
    }

    [Fact]
    public async Task No_activity_or_metric_tag_contains_a_secret()
    {
        using var capture = new TelemetryCapture();
        await using var sdk = await SdkUnderTest.StartAsync();
        var login = sdk.Clients.CreateClient("api1");

        // Login (password), API 1.0 (app key, secret key, signatures), API 2.0 (client secret, bearer token), and failures.
        await login.Login.DiscoverAuthenticationAsync(MimecastSimulatorDefaults.EmailAddress);
        var binding = await login.Login.LoginAsync(new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword));
        await Assert.ThrowsAnyAsync<MimecastApiException>(() =>
            login.Login.LoginAsync(new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, "wrong-" + MimecastSimulatorDefaults.DomainPassword, MimecastAuthType.Domain)));
        await sdk.Api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);
        await sdk.Api2.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);
        sdk.Simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(50);
        sdk.Simulator.Faults.Enqueue(SimulatorFault.RateLimited);
        await sdk.Api2.Ttp.GetAttachmentLogsPageAsync(new TtpAttachmentLogQuery { PageSize = 5 }, null);
        sdk.Simulator.Faults.Enqueue(SimulatorFault.TokenExpired);
        await sdk.Api2.Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { PageSize = 5 }, null);
        sdk.Simulator.Faults.Enqueue(SimulatorFault.ServerError, count: 2);
        await Assert.ThrowsAnyAsync<MimecastApiException>(() => sdk.Api1.Ttp.GetUrlLogsPageAsync(null, null));

        string[] secrets =
        [
            MimecastSimulatorDefaults.AppKey,
            MimecastSimulatorDefaults.SecretKey,
            MimecastSimulatorDefaults.AccessKey,
            MimecastSimulatorDefaults.ClientSecret,
            MimecastSimulatorDefaults.CloudPassword,
            MimecastSimulatorDefaults.DomainPassword,
            binding.AccessKey!,
            binding.SecretKey!,
            .. sdk.Recorder.Secrets,
        ];
        Assert.Contains(sdk.Recorder.Secrets, s => s.Length > 20); // bearer tokens, signatures and Basic credentials were seen
        Assert.True(capture.Of(TokenRenewals).Count >= 2, "the token_expired answer should have renewed the token");
        var values = capture.AllTagValues().ToList();
        Assert.True(values.Count > 50, $"only {values.Count} tag values captured");
        var leaks = values
            .SelectMany(v => secrets.Where(s => s.Length > 0 && v.Value.Contains(s, StringComparison.Ordinal)).Select(_ => v.Where))
            .ToList();
        Assert.True(leaks.Count == 0, "secret found in: " + string.Join("; ", leaks));
    }
}
