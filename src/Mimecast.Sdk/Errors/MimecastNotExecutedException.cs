using System.Net;

namespace Mimecast.Sdk;

/// <summary>
/// A non-idempotent write's answer was lost, and a read made right after showed that Mimecast did not execute it: the
/// state at Mimecast is unchanged and sending the write again is safe. <see cref="Exception.InnerException"/> is the
/// <see cref="MimecastOutcomeUnknownException"/> of the lost answer.
/// </summary>
public sealed class MimecastNotExecutedException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="operation">The operation name, for example <c>remediation-create</c>.</param>
    /// <param name="statusCode">The HTTP status of the lost answer, if any arrived.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the write, if known.</param>
    /// <param name="operationPath">The API path of the write.</param>
    /// <param name="innerException">The exception of the lost answer.</param>
    public MimecastNotExecutedException(string message, string operation, HttpStatusCode? statusCode, string? requestId, string? operationPath, Exception? innerException)
        : base(message, statusCode, null, requestId, operationPath, innerException)
    {
        Operation = operation;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastNotExecutedException()
        : this("A Mimecast write was verifiably not executed.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastNotExecutedException(string message)
        : this(message, string.Empty, null, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastNotExecutedException(string message, Exception innerException)
        : this(message, string.Empty, null, null, null, innerException)
    {
    }

    /// <summary>Gets the operation name.</summary>
    public string Operation { get; }
}
