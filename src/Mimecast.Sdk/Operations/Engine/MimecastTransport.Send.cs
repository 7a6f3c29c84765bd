using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.DependencyInjection;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// The one instrumented send every operation goes through (API 1.0/2.0 envelopes and the API 2.0 REST families):
// one activity, one request count and duration, the same tags, logs and transport-fault mapping for all of them.
internal sealed partial class MimecastTransport
{
    internal Task<(ResponseEnvelope<T> Envelope, MimecastRequestState State)> SendAsync<T>(MimecastOperation operation, MimecastClientContext context,
        Uri baseUrl, IMimecastAuth auth, RateLimitBucket bucket, byte[] body, JsonTypeInfo<ResponseEnvelope<T>> responseInfo, CancellationToken cancellationToken,
        IReadOnlyList<string>? items = null) =>
        SendInstrumentedAsync(operation, context, baseUrl, auth, bucket, HttpMethod.Post, operation.Path, body,
            (response, state, ct) => ReadAsync(response, state, responseInfo, ct), cancellationToken, items);

    private static string GenerationOf(IMimecastAuth auth) => auth.Generation == MimecastApiGeneration.Api2 ? "2.0" : "1.0";

    internal async Task<(T Result, MimecastRequestState State)> SendInstrumentedAsync<T>(MimecastOperation operation, MimecastClientContext context,
        Uri baseUrl, IMimecastAuth auth, RateLimitBucket bucket, HttpMethod method, string pathAndQuery, byte[]? body,
        Func<HttpResponseMessage, MimecastRequestState, CancellationToken, Task<T>> read, CancellationToken cancellationToken, IReadOnlyList<string>? items = null)
    {
        var state = new MimecastRequestState(context, operation, auth, bucket) { Items = items };
        var generation = GenerationOf(auth);
        using var activity = Telemetry.ActivitySource.StartActivity("Mimecast " + operation.Name, ActivityKind.Client);
        activity?.SetTag("mimecast.operation", operation.Name);
        activity?.SetTag("mimecast.api.generation", generation);
        activity?.SetTag("url.path", operation.Path);
        activity?.SetTag("server.address", baseUrl.Host);
        activity?.SetTag("http.request.method", method.Method);

        var started = Stopwatch.GetTimestamp();
        HttpStatusCode? status = null;
        string? errorType = null;
        Exception? failure = null;
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(baseUrl, pathAndQuery));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Options.Set(MimecastRequestState.Key, state);

            HttpResponseMessage response;
            try
            {
                response = await HttpClientFactory.CreateClient(Contexts.ApiClientName(context.Name))
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (MimecastTransportFault.Is(e, cancellationToken))
            {
                throw MimecastTransportFault.Create(e, state);
            }

            using (response)
            {
                status = response.StatusCode;
                return (await read(response, state, cancellationToken).ConfigureAwait(false), state);
            }
        }
        catch (MimecastApiException e)
        {
            status ??= e.StatusCode;
            errorType = e.ErrorCode ?? e.GetType().Name;
            failure = e;
            activity?.SetTag("mimecast.error_codes", string.Join(',', e.Errors.Select(static x => x.Code)));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            Log.OperationFailed(Logger, operation.Name, (int?)status, e.ErrorCode, state.Attempts, e.RequestId);
            throw;
        }
        catch (OperationCanceledException e)
        {
            errorType = "cancelled";
            failure = e;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            activity?.SetTag("http.response.status_code", (int?)status);
            activity?.SetTag("mimecast.attempts", state.Attempts);
            activity?.SetTag(MimecastTelemetryNames.RateLimitWaitDurationTag, state.RateLimitWait.TotalSeconds);
            if (errorType is not null)
            {
                activity?.SetTag("error.type", errorType);
            }
            else
            {
                Log.OperationCompleted(Logger, operation.Name, (int?)status ?? 0, state.Attempts, elapsed.TotalMilliseconds);
            }

            var tags = new TagList
            {
                { "mimecast.operation", operation.Name },
                { "mimecast.api.generation", generation },
                { "mimecast.outcome", errorType is null ? "success" : "failure" },
                { "http.response.status_code", (int?)status },
            };
            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            Telemetry.Requests.Add(1, tags);
            Telemetry.Duration.Record(elapsed.TotalSeconds, tags);
            if (operation.Idempotency != OperationIdempotency.Read)
            {
                AuditWrite(state, failure, activity);
            }
        }
    }
}
