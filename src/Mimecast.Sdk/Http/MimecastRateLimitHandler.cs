using System.Net;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http.Primitives;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Runs once per attempt, inside the transient-fault retry. Before sending it holds the request while the shared
/// quota bucket is empty or a 429 reset is running; after the answer it updates the bucket from the
/// <c>X-RateLimit-*</c> headers. A 429 is resent here (after exactly the announced reset, re-signed by the auth
/// handler below), never by the retry above, so no 429 is retried twice over. The attempt timeout starts after the
/// hold, so a long quota wait is not mistaken for a slow server, and covers the whole body, which is read here.
/// </summary>
internal sealed class MimecastRateLimitHandler : DelegatingHandler
{
    private readonly TimeProvider _timeProvider;
    private readonly MimecastTelemetry _telemetry;
    private readonly ILogger _logger;

    public MimecastRateLimitHandler(TimeProvider timeProvider, MimecastTelemetry telemetry, ILogger<MimecastRateLimitHandler> logger)
    {
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = MimecastRequestState.Get(request);
        if (state is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var options = state.Options.RateLimit;
        var bucket = state.Bucket;
        for (var tooManyCount = 0; ; )
        {
            var (waited, probe) = await AcquireAsync(state, cancellationToken).ConfigureAwait(false);
            if (waited > TimeSpan.Zero)
            {
                state.RateLimitWait += waited;
                _telemetry.RateLimitWaits.Add(1, new KeyValuePair<string, object?>("mimecast.operation", state.Operation.Name));
                _telemetry.RateLimitWaitTime.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("mimecast.operation", state.Operation.Name));
                Log.HeldForQuota(_logger, state.Operation.Name, waited.TotalMilliseconds);
            }

            HttpResponseMessage response;
            try
            {
                response = await SendAttemptAsync(request, state, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                bucket.Complete(probe, null, false, TimeSpan.Zero, options.HoldWhenExhausted, responded: false);
                throw;
            }

            var info = RateLimitHeaders.Read(response.Headers);
            var tooMany = response.StatusCode == HttpStatusCode.TooManyRequests;
            // No usable X-RateLimit-Reset on a 429: a doubling, capped, jittered fallback.
            var delay = tooMany ? info?.Reset ?? JitteredBackoff.Delay(options.FallbackDelay, tooManyCount, options.MaxFallbackDelay) : TimeSpan.Zero;
            bucket.Complete(probe, info, tooMany, delay, options.HoldWhenExhausted, responded: true);
            state.LastRateLimit = info ?? state.LastRateLimit;
            if (!tooMany)
            {
                return response;
            }

            tooManyCount++;
            state.RateLimitResponses++;
            if (tooManyCount > options.MaxRetries || MimecastTimeouts.Add(state.RateLimitWait, delay) > options.MaxWait)
            {
                // The client turns this final 429 into a MimecastRateLimitException with its details.
                Log.RateLimitGaveUp(_logger, state.Operation.Name, state.RateLimitWait.TotalMilliseconds);
                return response;
            }

            Log.RateLimited(_logger, state.Operation.Name, state.Attempts, delay.TotalMilliseconds);
            response.Dispose();
        }
    }

    private async ValueTask<(TimeSpan Waited, bool Probe)> AcquireAsync(MimecastRequestState state, CancellationToken cancellationToken)
    {
        var options = state.Options.RateLimit;
        try
        {
            return await state.Bucket.AcquireAsync(options.HoldWhenExhausted, options.MaxWait - state.RateLimitWait, cancellationToken).ConfigureAwait(false);
        }
        catch (RateLimitBudgetExceededException e)
        {
            state.RateLimitWait += e.Waited;
            Log.RateLimitGaveUp(_logger, state.Operation.Name, state.RateLimitWait.TotalMilliseconds);
            throw new MimecastRateLimitException(
                MimecastApiException.Describe($"The Mimecast quota would stay exhausted past the configured limit of {options.MaxWait.TotalSeconds:0.###} s; the request was not sent",
                    state.Operation.Path, null, null, [], state.LastRequestId),
                e.RetryAfter, state.RateLimitWait, null, null, state.LastRequestId, state.Operation.Path);
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, MimecastRequestState state, CancellationToken cancellationToken)
    {
        var timeout = state.Options.Retry.AttemptTimeout;
        if (timeout <= TimeSpan.Zero || MimecastTimeouts.IsUnbounded(timeout))
        {
            return await SendAndReadAsync(request, state, cancellationToken).ConfigureAwait(false);
        }

        // One deadline for the attempt, headers and body alike: a server that answers its headers and then stalls is
        // timed out (and retried) like one that never answers.
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await SendAndReadAsync(request, state, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Mimecast {state.Operation.Name} attempt timed out after {timeout.TotalSeconds:0.###} s (headers and body).", e);
        }
    }

    private async Task<HttpResponseMessage> SendAndReadAsync(HttpRequestMessage request, MimecastRequestState state, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await MimecastResponseBuffer.LoadAsync(response, state, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
