using System.Net;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The engine side of <see cref="MimecastRawCallExtensions.SendRawAsync"/>: a descriptor made on the fly, the one instrumented send.</summary>
internal static class RawCall
{
    internal static async Task<MimecastRawResponse> SendAsync(MimecastTransport transport, MimecastRawRequest request, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.Path.StartsWith('/') ? request.Path : "/" + request.Path;
        var path = pathAndQuery.Split('?', 2)[0];
        var idempotent = request.Idempotent ?? (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);
        var operation = new MimecastOperation("raw " + path, path)
        {
            Idempotency = idempotent ? OperationIdempotency.Read : OperationIdempotency.NonIdempotentWrite,
            WhatToCheck = $"check whether {request.Method} {path} took effect before sending it again",
        };
        var (context, auth) = transport.DataContext(operation);
        var (response, _) = await transport.SendInstrumentedAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, request.Method, pathAndQuery,
            request.Body?.ToArray(), static async (response, state, ct) =>
            {
                // Refused credentials, an exhausted quota and an unknown outcome follow the SDK's rules; any other answer is the caller's.
                var status = response.StatusCode;
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests || (int)status == 418
                    || (!response.IsSuccessStatusCode && MimecastTransportFault.OutcomeUnknown(state, status) is not null))
                {
                    var (errors, _) = await MimecastTransport.TryReadAsync(response, MimecastJsonContext.Default.ResponseEnvelopeJsonElement, ct).ConfigureAwait(false);
                    throw MimecastTransport.CreateException(status, errors?.Meta?.Status, FailItems.Flatten(errors?.Fail), state);
                }

                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                return new MimecastRawResponse(status, state.LastRequestId, body, state.LastRateLimit);
            }, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
