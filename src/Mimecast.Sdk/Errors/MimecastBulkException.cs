using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// Thrown by <see cref="MimecastBulkResult{TItem, TResult}.EnsureSuccess"/> when not every item of a bulk call
/// succeeded. The result itself (kept by the caller) says which items and why; this carries the counts and the
/// distinct errors.
/// </summary>
public sealed class MimecastBulkException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="succeeded">Items that succeeded.</param>
    /// <param name="failed">Items Mimecast refused.</param>
    /// <param name="outcomeUnknown">Items whose outcome is unknown.</param>
    /// <param name="notAttempted">Items never sent.</param>
    /// <param name="errors">The distinct errors of the items that failed.</param>
    public MimecastBulkException(string message, string operation, int succeeded, int failed, int outcomeUnknown, int notAttempted, IReadOnlyList<MimecastError>? errors)
        : base(message, null, errors)
    {
        Operation = operation;
        SucceededCount = succeeded;
        FailedCount = failed;
        OutcomeUnknownCount = outcomeUnknown;
        NotAttemptedCount = notAttempted;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastBulkException()
        : this("Not every item of a Mimecast bulk call succeeded.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastBulkException(string message)
        : this(message, string.Empty, 0, 0, 0, 0, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastBulkException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>Gets the operation name.</summary>
    public string Operation { get; }

    /// <summary>Gets the number of items that succeeded.</summary>
    public int SucceededCount { get; }

    /// <summary>Gets the number of items Mimecast refused.</summary>
    public int FailedCount { get; }

    /// <summary>Gets the number of items whose outcome is unknown (check them at Mimecast before retrying).</summary>
    public int OutcomeUnknownCount { get; }

    /// <summary>Gets the number of items never sent.</summary>
    public int NotAttemptedCount { get; }
}
