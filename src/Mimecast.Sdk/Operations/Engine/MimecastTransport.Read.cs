using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// Reading an envelope answer: HTTP status, meta.status and fail mapped to the typed exceptions.
internal sealed partial class MimecastTransport
{
    /// <summary>
    /// Reads an envelope answer: an HTTP error, an unreadable body, a non-2xx <c>meta.status</c> or (unless
    /// <paramref name="perItemFail"/>, where <c>fail</c> entries are per-item results) a <c>fail</c> entry throw.
    /// </summary>
    internal static async Task<ResponseEnvelope<T>> ReadAsync<T>(HttpResponseMessage response, MimecastRequestState state, JsonTypeInfo<ResponseEnvelope<T>> responseInfo,
        CancellationToken cancellationToken, bool perItemFail = false)
    {
        var path = state.Operation.Path;
        if (!response.IsSuccessStatusCode)
        {
            // Error bodies are read leniently (their data may have another shape, or be an HTML page) for the fail codes only.
            var errorEnvelope = await TryReadAsync(response, MimecastJsonContext.Default.ResponseEnvelopeJsonElement, cancellationToken).ConfigureAwait(false);
            throw CreateException(response.StatusCode, errorEnvelope.Envelope?.Meta?.Status, FailItems.Flatten(errorEnvelope.Envelope?.Fail), state);
        }

        var (envelope, error) = await TryReadAsync(response, responseInfo, cancellationToken).ConfigureAwait(false);
        if (envelope is null)
        {
            var what = error is null ? "Mimecast answered with an empty body" : "Mimecast answered with a body that is not a valid JSON envelope";
            throw new MimecastInvalidResponseException(
                MimecastApiException.Describe(what + $" (content type {response.Content.Headers.ContentType?.MediaType ?? "none"})", path, response.StatusCode, null, [], state.LastRequestId),
                response.StatusCode, state.LastRequestId, path, error);
        }

        var errors = FailItems.Flatten(envelope.Fail);
        var functionStatus = envelope.Meta?.Status;
        if (perItemFail ? errors.Count == 0 && functionStatus is < 200 or > 299 : errors.Count > 0 || functionStatus is < 200 or > 299)
        {
            throw CreateException(response.StatusCode, functionStatus, errors, state);
        }

        return envelope;
    }

    internal static async Task<(TEnvelope? Envelope, Exception? Error)> TryReadAsync<TEnvelope>(HttpResponseMessage response, JsonTypeInfo<TEnvelope> info, CancellationToken cancellationToken)
        where TEnvelope : class
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return (await JsonSerializer.DeserializeAsync(stream, info, cancellationToken).ConfigureAwait(false), null);
            }
        }
        catch (JsonException e)
        {
            return (null, e);
        }
        catch (HttpRequestException e)
        {
            // The connection dropped while the body was streaming.
            return (null, e);
        }
    }

    internal static MimecastApiException CreateException(HttpStatusCode status, int? functionStatus, List<MimecastError> errors, MimecastRequestState state)
    {
        var path = state.Operation.Path;
        var requestId = state.LastRequestId;
        var effective = functionStatus is < 200 or > 299 ? functionStatus.Value : (int)status;
        bool Has(string code) => errors.Exists(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));

        if (effective == 418 || Has("err_xdk_binding_expired"))
        {
            return new MimecastBindingExpiredException(
                MimecastApiException.Describe("The Mimecast API 1.0 access key binding has expired: extend it with RefreshTokenAsync or log in again with LoginAsync", path, status, functionStatus, errors, requestId),
                status, errors, requestId, path) { FunctionStatus = functionStatus };
        }

        if (effective == 429)
        {
            var retryAfter = state.LastRateLimit?.Reset;
            return new MimecastRateLimitException(
                MimecastApiException.Describe($"The Mimecast quota stayed exhausted after {state.RateLimitResponses} rate-limited answer(s) and {state.RateLimitWait.TotalSeconds:0.###} s of waiting", path, status, functionStatus, errors, requestId),
                retryAfter, state.RateLimitWait, status, errors, requestId, path) { FunctionStatus = functionStatus };
        }

        if (effective == 401 || Has("token_expired") || Has("err_xdk_invalid_signature") || Has("err_developer_key"))
        {
            return new MimecastAuthenticationException(
                MimecastApiException.Describe("Mimecast refused the credentials", path, status, functionStatus, errors, requestId),
                status, errors, requestId, path) { FunctionStatus = functionStatus };
        }

        if (MimecastTransportFault.OutcomeUnknown(state, status) is { } unknown)
        {
            return unknown;
        }

        return new MimecastApiException(
            MimecastApiException.Describe("The Mimecast call failed" + MimecastTransportFault.NotRetriedNote(state.Operation, status), path, status, functionStatus, errors, requestId),
            status, errors, requestId, path) { FunctionStatus = functionStatus };
    }

    internal static T First<T>(ResponseEnvelope<T> envelope, MimecastOperation operation)
        where T : class =>
        envelope.Data is { Count: > 0 } data && data[0] is { } first
            ? first
            : throw new MimecastInvalidResponseException($"Mimecast answered {operation.Path} successfully but without a result.", HttpStatusCode.OK, null, operation.Path);
}
