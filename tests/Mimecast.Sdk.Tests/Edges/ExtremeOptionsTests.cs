using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Edges;

/// <summary>Issue 11 item 7: every value validation accepts works for concurrent callers; nonsense is refused at start-up, naming the setting.</summary>
public class ExtremeOptionsTests
{
    [Fact]
    public async Task MaxWait_at_its_maximum_holds_concurrent_callers_and_releases_them_at_the_reset()
    {
        await using var h = SdkHarness.Start(configure: o => o.RateLimit.MaxWait = TimeSpan.MaxValue);
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("bucket").WillSetStateTo("empty-announced")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 0, 1000));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("bucket").WhenStateIs("empty-announced").WillSetStateTo("empty-announced")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 9, 1000));
        var start = h.Time.GetUtcNow();

        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        var callers = Enumerable.Range(0, 5).Select(_ => h.Client.Ttp.GetUrlLogsPageAsync(null, null)).ToArray();
        await h.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1000));
        h.Time.Advance(TimeSpan.FromMilliseconds(1000));
        var pages = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(pages, p => Assert.Single(p.Items));
        var sent = h.SentTo(Stubs.UrlPath);
        Assert.Equal(6, sent.Count);
        Assert.All(sent.Skip(1), r => Assert.True(r.At >= start + TimeSpan.FromMilliseconds(1000)));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task The_largest_accepted_values_of_every_setting_work_for_concurrent_callers(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation, o =>
        {
            o.Retry.AttemptTimeout = TimeSpan.MaxValue;
            o.Retry.TotalTimeout = TimeSpan.MaxValue;
            o.Retry.MaxRetryAttempts = 20;
            o.Retry.BaseDelay = TimeSpan.FromDays(1);
            o.Retry.MaxDelay = TimeSpan.FromDays(1);
            o.RateLimit.MaxWait = TimeSpan.MaxValue;
            o.RateLimit.MaxRetries = int.MaxValue;
            o.RateLimit.FallbackDelay = TimeSpan.FromDays(1);
            o.RateLimit.MaxFallbackDelay = TimeSpan.FromDays(1);
            o.MaxResponseSize = 1024 * 1024 * 1024;
            o.DefaultPageSize = 10_000;
            if (o.Api2 is { } api2)
            {
                api2.RefreshBeforeExpiry = TimeSpan.MaxValue;
                api2.TokenRequestTimeout = TimeSpan.FromDays(1);
            }
        });
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 3)).WithQuota(1000, 900, 60_000));
        h.Services.GetRequiredService<IStartupValidator>().Validate();

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null))))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(pages, p => Assert.Equal(3, p.Items.Count));
        Assert.All(h.SentTo(Stubs.UrlPath), r => Assert.Contains("\"pageSize\":10000", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zero_retries_and_page_size_one_work_and_a_503_is_sent_once()
    {
        await using var h = SdkHarness.Start(configure: o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.RateLimit.MaxRetries = 0;
            o.DefaultPageSize = 1;
        });
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithBody(b => b!.Contains("\"pageToken\":\"down\"", StringComparison.Ordinal)))
            .RespondWith(Stubs.Json(Stubs.FlatFail("err_unavailable", "down", 503), 503));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithBody(b => !b!.Contains("pageToken", StringComparison.Ordinal)))
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null))));
        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, "down"));

        Assert.All(pages, p => Assert.Single(p.Items));
        Assert.All(h.SentTo(Stubs.UrlPath), r => Assert.Contains("\"pageSize\":1", r.Body, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(5, h.Received(Stubs.UrlPath));
    }

    [Theory]
    [InlineData("total-zero", "Retry.TotalTimeout")]
    [InlineData("total-shorter-than-attempt", "Retry.TotalTimeout")]
    [InlineData("response-size-tiny", "MaxResponseSize")]
    [InlineData("response-size-huge", "MaxResponseSize")]
    [InlineData("base-delay-two-days", "Retry.BaseDelay")]
    [InlineData("fallback-two-days", "RateLimit.FallbackDelay")]
    [InlineData("token-timeout-two-days", "Api2.TokenRequestTimeout")]
    [InlineData("attempt-negative", "Retry.AttemptTimeout")]
    [InlineData("max-wait-negative", "MaxWait")]
    [InlineData("retries-negative", "MaxRetryAttempts")]
    public void Nonsense_is_refused_at_start_up_with_a_message_naming_the_setting(string problem, string setting)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMimecastClient(o =>
        {
            o.Api2 = new MimecastApi2Options { ClientId = "c", ClientSecret = "s" };
            switch (problem)
            {
                case "total-zero": o.Retry.TotalTimeout = TimeSpan.Zero; break;
                case "total-shorter-than-attempt": o.Retry.AttemptTimeout = TimeSpan.FromMinutes(5); o.Retry.TotalTimeout = TimeSpan.FromMinutes(1); break;
                case "response-size-tiny": o.MaxResponseSize = 10; break;
                case "response-size-huge": o.MaxResponseSize = int.MaxValue; break;
                case "base-delay-two-days": o.Retry.BaseDelay = TimeSpan.FromDays(2); o.Retry.MaxDelay = TimeSpan.FromDays(2); break;
                case "fallback-two-days": o.RateLimit.FallbackDelay = TimeSpan.FromDays(2); o.RateLimit.MaxFallbackDelay = TimeSpan.FromDays(2); break;
                case "token-timeout-two-days": o.Api2.TokenRequestTimeout = TimeSpan.FromDays(2); break;
                case "attempt-negative": o.Retry.AttemptTimeout = TimeSpan.FromSeconds(-5); break;
                case "max-wait-negative": o.RateLimit.MaxWait = TimeSpan.FromSeconds(-1); break;
                case "retries-negative": o.Retry.MaxRetryAttempts = -1; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }
}
