using System.Net;
using Polly.Timeout;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Turns what the network did to a call (no connection, a reset, a cut or stalled body, a timeout) into the one
/// exception family callers handle: <see cref="MimecastApiException"/> with status <see langword="null"/> and the
/// original exception inside. Also words why a login-family request was not sent again.
/// </summary>
internal static class MimecastTransportFault
{
    /// <summary>Whether <paramref name="exception"/>, escaping the handler pipeline, is a transport fault rather than the caller's own cancellation.</summary>
    internal static bool Is(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or IOException or TimeoutException or TimeoutRejectedException
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    /// <summary>The typed exception for a transport fault of the call described by <paramref name="state"/>.</summary>
    internal static MimecastApiException Create(Exception exception, MimecastRequestState state)
    {
        var what = exception is TimeoutRejectedException
            ? $"The Mimecast call did not complete within Retry.TotalTimeout ({state.Options.Retry.TotalTimeout.TotalSeconds:0.###} s) after {state.Attempts} attempt(s)"
            : $"Mimecast could not be reached or did not answer in full after {state.Attempts} attempt(s) ({Describe(exception)})";
        return new MimecastApiException(
            MimecastApiException.Describe(what + NotRetriedNote(state.Operation, null), state.Operation.Path, null, null, [], state.LastRequestId),
            null, null, state.LastRequestId, state.Operation.Path, exception);
    }

    /// <summary>
    /// For an operation that is never resent (login, refresh) and an outcome that would otherwise have been retried (a
    /// transport fault when <paramref name="status"/> is null, or 408/5xx), the sentence saying why it was not.
    /// </summary>
    internal static string NotRetriedNote(MimecastOperation operation, HttpStatusCode? status) =>
        !operation.Idempotent && (status is null || MimecastResilience.IsTransientStatus(status.Value))
            ? "; it was not retried, because a login or refresh that reached Mimecast may already have created a binding and a second request could create another"
            : string.Empty;

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException h => "transport error: " + h.HttpRequestError,
        IOException => "the connection was cut or reset while the response arrived",
        TimeoutException => "an attempt timed out",
        _ => "cancelled by a timeout",
    };
}
