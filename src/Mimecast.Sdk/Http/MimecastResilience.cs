using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http.Primitives;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Mimecast.Sdk.Http;

/// <summary>
/// The transient-fault retry of each named client, built from that name's <see cref="MimecastRetryOptions"/>. The
/// pipeline instance is chosen by the retry settings themselves (<see cref="InstanceKey"/>), not by the customer's
/// name: the registry keeps every instance it builds for the life of the service provider, so keyed by name it would
/// grow with every customer ever added, while keyed by settings it holds one pipeline per distinct retry setup (in
/// practice one), and a customer reconfigured simply selects another. Outermost a total timeout bounds the whole call; inside it the retry resends 408, 5xx,
/// attempt timeouts (headers or body), dropped connections and cut bodies with jittered exponential backoff. It never
/// retries a 429 (the rate-limit handler below owns those), a quota give-up, nor a non-idempotent write (login and refresh
/// among them) that may have reached Mimecast.
/// </summary>
internal static class MimecastResilience
{
    internal const string PipelineName = "mimecast";

    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = ParseInstanceKey(context.InstanceName) ?? services.GetRequiredService<IOptionsMonitor<MimecastClientOptions>>().Get(string.Empty).Retry;
        var telemetry = services.GetRequiredService<MimecastTelemetry>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(Log.ClientCategory);

        // Outermost: one deadline for the whole call (attempts, backoff delays and quota waits together).
        var total = options.TotalTimeout;
        if (total > TimeSpan.Zero && !MimecastTimeouts.IsUnbounded(total))
        {
            // The generator form: the Timeout property is range-checked to one day, the generator's value is not.
            builder.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(total) });
        }

        if (options.MaxRetryAttempts <= 0)
        {
            return;
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.GetRequestMessage(), args.Context.CancellationToken)),
            OnRetry = args =>
            {
                var operation = args.Context.GetRequestMessage() is { } request && MimecastRequestState.Get(request) is { } state
                    ? state.Operation.Name
                    : "unknown";

                var outcome = args.Outcome.Result is { } response ? "HTTP " + (int)response.StatusCode : args.Outcome.Exception?.GetType().Name ?? "unknown";
                telemetry.Retries.Add(1, new KeyValuePair<string, object?>("mimecast.operation", operation));
                Log.Retrying(logger, operation, outcome, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });
    }

    internal static string SelectInstance(HttpRequestMessage request) =>
        MimecastRequestState.Get(request)?.Client.RetryKey ?? string.Empty;

    /// <summary>The pipeline instance of <paramref name="retry"/>: every setting the pipeline is built from, and nothing else.</summary>
    internal static string InstanceKey(MimecastRetryOptions retry) => string.Create(CultureInfo.InvariantCulture,
        $"retry:{retry.MaxRetryAttempts}:{retry.BaseDelay.Ticks}:{retry.MaxDelay.Ticks}:{retry.TotalTimeout.Ticks}");

    private static MimecastRetryOptions? ParseInstanceKey(string key)
    {
        var parts = key.Split(':');
        if (parts.Length != 5 || parts[0] != "retry"
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var baseDelay)
            || !long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxDelay)
            || !long.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var total))
        {
            return null;
        }

        return new MimecastRetryOptions
        {
            MaxRetryAttempts = attempts,
            BaseDelay = TimeSpan.FromTicks(baseDelay),
            MaxDelay = TimeSpan.FromTicks(maxDelay),
            TotalTimeout = TimeSpan.FromTicks(total),
        };
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        // A non-idempotent write (login and refresh among them) is never resent once it may have reached Mimecast (a
        // timeout, a cut answer, even a 5xx from a gateway behind which it was executed): only when the failure provably
        // came before sending (no such host, connection refused). A 429 is resent by the rate-limit handler below.
        if (request is not null && MimecastRequestState.Get(request)?.Operation.Idempotent == false)
        {
            return MimecastTransportFault.ProvablyNotSent(outcome.Exception);
        }

        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                MimecastApiException => false,
                OperationCanceledException when cancellationToken.IsCancellationRequested => false,
                // No connection, a reset, a body cut off or stalled (the attempt timeout covers the body).
                HttpRequestException or IOException or TimeoutException => true,
                _ => false,
            };
        }

        return outcome.Result is { } response && IsTransientStatus(response.StatusCode);
    }

    internal static bool IsTransientStatus(HttpStatusCode status) => HttpStatusFacts.IsTransient(status);
}
