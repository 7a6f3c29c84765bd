namespace Mimecast.Sdk.Feed;

/// <summary>
/// A checkpoint could not be read or written: the file is corrupt (not valid JSON, an unknown format version, a
/// missing field, another customer's file) or the storage failed. The feed never skips or resets past it: fix or
/// delete the file (deleting it means a fresh start from <see cref="MimecastIncidentFeedOptions.InitialLookback"/>).
/// </summary>
public sealed class MimecastCheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="path">The checkpoint file, if the store is file based.</param>
    /// <param name="customerName">The customer whose checkpoint failed.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MimecastCheckpointException(string message, string? path, string? customerName, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        CustomerName = customerName;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastCheckpointException()
        : this("A Mimecast feed checkpoint could not be read or written.", null, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MimecastCheckpointException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastCheckpointException(string message, Exception innerException)
        : this(message, null, null, innerException)
    {
    }

    /// <summary>Gets the checkpoint file, if the store is file based.</summary>
    public string? Path { get; }

    /// <summary>Gets the customer whose checkpoint failed.</summary>
    public string? CustomerName { get; }
}
