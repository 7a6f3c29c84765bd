using System.Net;
using System.Text.Json.Serialization.Metadata;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// The API 2.0 REST families (SIEM): GET, their own envelope, errors as {"error":{code,message}} or a flat fail on 401.
// Same handler pipeline (retry → rate-limit gate and bucket → auth) as the envelope operations.
internal sealed partial class MimecastTransport
{
    /// <summary>Waits for the operation's turn under its documented per-endpoint quota (client-side pacing).</summary>
    internal async ValueTask PaceAsync(MimecastOperation operation, MimecastClientContext context, IMimecastAuth auth, MimecastCallPacing pacing, CancellationToken cancellationToken)
    {
        var waited = await Pacers.WaitTurnAsync(MimecastClientContextProvider.PartitionOf(context.Options, auth), operation.PacingKey ?? operation.Name, pacing, TimeProvider,
            cancellationToken).ConfigureAwait(false);
        if (waited > TimeSpan.Zero)
        {
            Telemetry.PacingWaitTime.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("mimecast.operation", operation.Name));
            SiemLog.Paced(Logger, operation.Name, waited.TotalMilliseconds);
        }
    }

    /// <summary>The REST twin of the envelope send: a GET of the SIEM paths, their own body and error shapes.</summary>
    internal Task<(T Body, MimecastRequestState State)> GetRestAsync<T>(MimecastOperation operation, MimecastClientContext context, IMimecastAuth auth,
        string pathAndQuery, bool withCursor, JsonTypeInfo<T> info, CancellationToken cancellationToken)
        where T : class =>
        SendInstrumentedAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, HttpMethod.Get, pathAndQuery, null,
            (response, state, ct) => ReadRestAsync(response, state, withCursor, info, ct), cancellationToken);

    private static async Task<T> ReadRestAsync<T>(HttpResponseMessage response, MimecastRequestState state, bool withCursor, JsonTypeInfo<T> info, CancellationToken cancellationToken)
        where T : class
    {
        var operation = state.Operation;
        if (!response.IsSuccessStatusCode)
        {
            var (error, _) = await TryReadAsync(response, LogSourcesJsonContext.Default.RestErrorBody, cancellationToken).ConfigureAwait(false);
            var errors = FailItems.Flatten(error?.Fail);
            if (error?.Error is { } restError)
            {
                errors.Insert(0, new MimecastError { Code = restError.Code ?? "unknown", Message = restError.Message });
            }

            if (withCursor && response.StatusCode == HttpStatusCode.BadRequest)
            {
                throw new MimecastInvalidCursorException(
                    MimecastApiException.Describe("Mimecast refused the SIEM cursor (stale or invalid): restart from a time", operation.Path, response.StatusCode, null, errors, state.LastRequestId),
                    response.StatusCode, errors, state.LastRequestId, operation.Path);
            }

            throw CreateException(response.StatusCode, null, errors, state);
        }

        var (body, parseError) = await TryReadAsync(response, info, cancellationToken).ConfigureAwait(false);
        return body ?? throw new MimecastInvalidResponseException(
            MimecastApiException.Describe(parseError is null ? "Mimecast answered with an empty body" : "Mimecast answered with a body that is not valid JSON of the expected shape",
                operation.Path, response.StatusCode, null, [], state.LastRequestId),
            response.StatusCode, state.LastRequestId, operation.Path, parseError);
    }
}
