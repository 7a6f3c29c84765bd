using System.Net;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>What happened to one item of a bulk call.</summary>
public enum MimecastItemStatus
{
    /// <summary>Mimecast executed the item.</summary>
    Succeeded,

    /// <summary>Mimecast refused the item (its <c>fail</c> entry, a <c>false</c> in <c>data</c>, or the failure of the whole call that carried it).</summary>
    Failed,

    /// <summary>The call carrying the item may have reached Mimecast, but its answer did not say what happened: check before trying again.</summary>
    OutcomeUnknown,

    /// <summary>The item was never sent (an earlier call failed in a way every later call would repeat, such as refused credentials).</summary>
    NotAttempted,
}

/// <summary>The result of one item of a bulk call, in the order the items were given.</summary>
/// <typeparam name="TItem">The request item.</typeparam>
/// <typeparam name="TResult">What Mimecast returned for the item when it succeeded.</typeparam>
public sealed class MimecastItemResult<TItem, TResult>
{
    /// <summary>Creates an item result (for tests and fakes; the SDK builds them from Mimecast's answers).</summary>
    /// <param name="item">The request item.</param>
    /// <param name="status">What happened to it.</param>
    /// <param name="result">What Mimecast returned, for a succeeded item.</param>
    /// <param name="error">Mimecast's code and message, for a failed item.</param>
    public MimecastItemResult(TItem item, MimecastItemStatus status, TResult? result = default, MimecastError? error = null)
    {
        Item = item;
        Status = status;
        Result = result;
        Error = error;
    }

    /// <summary>Gets the request item.</summary>
    public TItem Item { get; }

    /// <summary>Gets what happened to the item.</summary>
    public MimecastItemStatus Status { get; }

    /// <summary>Gets what Mimecast returned for a succeeded item, or the default.</summary>
    public TResult? Result { get; }

    /// <summary>Gets Mimecast's code and message for a failed item (for a failure of the whole call: its first error, or <c>http_STATUS</c>).</summary>
    public MimecastError? Error { get; }

    /// <summary>Gets the HTTP status of the call that carried the item, when the whole call failed.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets the <c>meta.status</c> of the call that carried the item, when the whole call failed with it.</summary>
    public int? FunctionStatus { get; init; }

    /// <summary>Gets the <c>x-mc-req-id</c> of the call that carried the item, if known.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets a value indicating whether the item succeeded.</summary>
    public bool IsSuccess => Status == MimecastItemStatus.Succeeded;

    /// <summary>Returns the status and, for a failure, the error; never a secret.</summary>
    public override string ToString() => Error is null ? Status.ToString() : $"{Status} ({Error})";
}
