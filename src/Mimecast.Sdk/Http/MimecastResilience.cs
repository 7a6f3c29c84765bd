using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Diagnostics;
using Polly;
using Polly.Retry;

namespace Mimecast.Sdk.Http;

/// <summary>
/// The transient-fault retry of each named client, built from that name's <see cref="MimecastRetryOptions"/> and
/// rebuilt when they change. It retries 408, 5xx, timeouts and dropped connections with jittered exponential
/// backoff; it never retries a 429 (the rate-limit handler below owns those) nor a quota give-up.
/// </summary>
internal static class MimecastResilience
{
    internal const string PipelineName = "mimecast";

    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptionsMonitor<MimecastClientOptions>>().Get(context.InstanceName).Retry;
        context.EnableReloads<MimecastClientOptions>(context.InstanceName);
        var telemetry = services.GetRequiredService<MimecastTelemetry>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<MimecastClient>();

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
        MimecastRequestState.Get(request)?.Client.Name ?? string.Empty;

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            // A timeout or dropped connection may have reached the server: resend only what is safe to repeat
            // (a repeated login would create a second binding).
            var idempotent = request is null || MimecastRequestState.Get(request)?.Operation.Idempotent != false;
            return exception switch
            {
                MimecastApiException => false,
                OperationCanceledException when cancellationToken.IsCancellationRequested => false,
                HttpRequestException or TimeoutException => idempotent,
                _ => false,
            };
        }

        return outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }
}
