using System.Net;
using System.Net.Sockets;
using Polly.Timeout;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Turns what the network did to a call (no connection, a reset, a cut or stalled body, a timeout) into the one
/// exception family callers handle: <see cref="MimecastApiException"/> with status <see langword="null"/> and the
/// original exception inside, or <see cref="MimecastOutcomeUnknownException"/> for a non-idempotent write that may
/// have reached Mimecast. Also words why a login-family request was not sent again.
/// </summary>
internal static class MimecastTransportFault
{
    /// <summary>Whether <paramref name="exception"/>, escaping the handler pipeline, is a transport fault rather than the caller's own cancellation.</summary>
    internal static bool Is(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or IOException or TimeoutException or TimeoutRejectedException
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    /// <summary>
    /// Whether <paramref name="exception"/> provably happened before any byte of the request was sent: the host name
    /// did not resolve, or the connection was refused. Only then may a non-idempotent write be sent again.
    /// </summary>
    internal static bool ProvablyNotSent(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
        || (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } h
            && h.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable });

    /// <summary>The typed exception for a transport fault of the call described by <paramref name="state"/>.</summary>
    internal static MimecastApiException Create(Exception exception, MimecastRequestState state)
    {
        var what = exception is TimeoutRejectedException
            ? $"The Mimecast call did not complete within Retry.TotalTimeout ({state.Options.Retry.TotalTimeout.TotalSeconds:0.###} s) after {state.Attempts} attempt(s)"
            : $"Mimecast could not be reached or did not answer in full after {state.Attempts} attempt(s) ({Describe(exception)})";
        if (!ProvablyNotSent(exception) && OutcomeUnknown(state, null, what, exception) is { } unknown)
        {
            return unknown;
        }

        return new MimecastApiException(
            MimecastApiException.Describe(what + NotRetriedNote(state.Operation, null), state.Operation.Path, null, null, [], state.LastRequestId),
            null, null, state.LastRequestId, state.Operation.Path, exception);
    }

    /// <summary>
    /// For a non-idempotent write that names what to check, and an answer that leaves its outcome open (none at all when
    /// <paramref name="status"/> is null, or 408/5xx), the <see cref="MimecastOutcomeUnknownException"/>; otherwise null.
    /// </summary>
    internal static MimecastOutcomeUnknownException? OutcomeUnknown(MimecastRequestState state, HttpStatusCode? status, string? what = null, Exception? inner = null)
    {
        var operation = state.Operation;
        if (operation.Idempotent || operation.WhatToCheck is null || (status is { } s && !MimecastResilience.IsTransientStatus(s)))
        {
            return null;
        }

        var message = MimecastApiException.Describe(
            (what ?? "Mimecast answered with a server error") + $"; the outcome of {operation.Name} is unknown and it was not sent again, because it may already have been executed. {operation.WhatToCheck}",
            operation.Path, status, null, [], state.LastRequestId);
        return new MimecastOutcomeUnknownException(message, operation.Name, operation.WhatToCheck, state.Items, status, state.LastRequestId, operation.Path, inner);
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
