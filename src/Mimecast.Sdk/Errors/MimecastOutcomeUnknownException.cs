using System.Net;

namespace Mimecast.Sdk;

/// <summary>
/// A non-idempotent write (one that must never run twice by accident) may have reached Mimecast, but its answer did not
/// arrive or was a 408/5xx: Mimecast may or may not have executed it. The SDK did not send it again. Check the state
/// at Mimecast as <see cref="WhatToCheck"/> says before trying again.
/// </summary>
public sealed class MimecastOutcomeUnknownException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="operation">The operation name, for example <c>held-release</c>.</param>
    /// <param name="whatToCheck">What to check at Mimecast to learn the outcome.</param>
    /// <param name="items">The items the call carried (their identifiers, never a secret).</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no answer arrived.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt, if any.</param>
    /// <param name="operationPath">The API path.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MimecastOutcomeUnknownException(string message, string operation, string whatToCheck, IReadOnlyList<string>? items, HttpStatusCode? statusCode,
        string? requestId, string? operationPath, Exception? innerException = null)
        : base(message, statusCode, null, requestId, operationPath, innerException)
    {
        Operation = operation;
        WhatToCheck = whatToCheck;
        Items = Models.ReadOnlyItems.Of(items);
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastOutcomeUnknownException()
        : this("The outcome of a Mimecast write is unknown.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastOutcomeUnknownException(string message)
        : this(message, string.Empty, "Check the state at Mimecast before trying again.", null, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastOutcomeUnknownException(string message, Exception innerException)
        : this(message, string.Empty, "Check the state at Mimecast before trying again.", null, null, null, null, innerException)
    {
    }

    /// <summary>Gets the operation name.</summary>
    public string Operation { get; }

    /// <summary>Gets what to check at Mimecast to learn whether the write was executed.</summary>
    public string WhatToCheck { get; }

    /// <summary>Gets the items the call carried (identifiers such as message ids or URLs), in request order.</summary>
    public IReadOnlyList<string> Items { get; }
}
