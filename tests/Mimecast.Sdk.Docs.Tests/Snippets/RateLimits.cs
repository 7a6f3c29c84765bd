using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class RateLimits
{
    public static void Tune(IServiceCollection services, MimecastApi2Options credentials)
    {
        #region snippet: rate-limit-options
        services.AddMimecastClient(options =>
        {
            options.Api2 = credentials;

            options.RateLimit.MaxWait = TimeSpan.FromMinutes(2);             // total quota wait per request, then MimecastRateLimitException
            options.RateLimit.MaxRetries = 10;                               // 429 answers per request before giving up
            options.RateLimit.HoldWhenExhausted = true;                      // pause at X-RateLimit-Remaining: 0 instead of provoking a 429
            options.RateLimit.FallbackDelay = TimeSpan.FromSeconds(2);       // first delay after a 429 without a usable reset header
            options.RateLimit.MaxFallbackDelay = TimeSpan.FromSeconds(30);
            options.RateLimit.PartitionKey = "soc-reader@contoso.example";   // clients with this key share one bucket

            options.Retry.MaxRetryAttempts = 5;                              // 408, 5xx, timeouts, dropped connections
            options.Retry.BaseDelay = TimeSpan.FromSeconds(1);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
            options.Retry.AttemptTimeout = TimeSpan.FromSeconds(60);
        });
        #endregion
    }

    public static async Task QuotaAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: rate-limit-page-quota
        var page = await client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 500 }, null, cancellationToken);
        if (page.RateLimit is { Remaining: < 50 } quota)
        {
            Console.WriteLine($"{quota.Remaining} of {quota.Limit} calls left; the next one comes back in {quota.Reset}");
        }
        #endregion
    }

    public static async Task GiveUpAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: rate-limit-exception
        try
        {
            await client.Ttp.GetUrlLogsPageAsync(null, null, cancellationToken);
        }
        catch (MimecastRateLimitException e)
        {
            // Nothing was executed. Schedule the job again later instead of looping.
            var retryAt = DateTimeOffset.UtcNow + (e.RetryAfter ?? TimeSpan.FromMinutes(1));
            Console.WriteLine($"Quota exhausted (waited {e.TotalWait}); next attempt at {retryAt:u}");
        }
        #endregion
    }

    public static void Handler(IServiceCollection services, MimecastApi2Options credentials, TextWriter log)
    {
        #region snippet: rate-limit-custom-handler
        services.AddMimecastClient(options => options.Api2 = credentials)
            .AddHttpMessageHandler(() => new AttemptLogger(log)); // runs once per attempt, after signing (log: e.g. Console.Out)
        #endregion
    }

    public static void PerCustomerHandler(IServiceCollection services, MimecastApi2Options credentialsOfA, MimecastApi2Options credentialsOfB, Uri proxyOfA)
    {
        #region snippet: rate-limit-per-customer-handler
        services.AddMimecastClient("customer-a", options => options.Api2 = credentialsOfA);
        services.AddMimecastClient("customer-b", options => options.Api2 = credentialsOfB);

        // customer-a's own clients (API calls and token requests): a proxy for it alone; customer-b keeps the shared pipeline.
        services.AddMimecastHttpClient("customer-a", builder => builder
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { Proxy = new System.Net.WebProxy(proxyOfA), UseProxy = true }));
        #endregion
    }

    #region snippet: rate-limit-attempt-logger
    /// <summary>Writes the path, status and remaining quota of every attempt (never a header value that is a credential).</summary>
    public sealed class AttemptLogger(TextWriter log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var remaining = response.Headers.TryGetValues("X-RateLimit-Remaining", out var values) ? values.FirstOrDefault() : null;
            log.WriteLine($"{request.RequestUri?.AbsolutePath} -> HTTP {(int)response.StatusCode}, quota left {remaining ?? "?"}");
            return response;
        }
    }
    #endregion
}
