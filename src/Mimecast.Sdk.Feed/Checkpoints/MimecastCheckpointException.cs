namespace Mimecast.Sdk.Feed;

/// <summary>
/// A checkpoint could not be read or written: the file is corrupt (not valid JSON, an unknown format version, a
/// missing field, another customer's file) or the storage failed. The feed never skips or resets past it: fix or
/// delete the file (deleting it means a fresh start from <see cref="MimecastIncidentFeedOptions.InitialLookback"/>).
/// </summary>
public class MimecastCheckpointException : Exception
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

/// <summary>
/// A commit was fenced off: the customer's stored checkpoint is no longer the version the poll started from, because
/// another feed (another process, or this one resumed after a pause) committed first. Nothing of the batch was stored
/// (no checkpoint move, no outbox row). Do not deliver its events; poll again, which reloads the stored state.
/// </summary>
public sealed class MimecastCheckpointConflictException : MimecastCheckpointException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="customerName">The customer whose commit lost.</param>
    /// <param name="expectedVersion">The version the batch was polled from.</param>
    /// <param name="actualVersion">The version found in the store, if the store knows it.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MimecastCheckpointConflictException(string customerName, MimecastCheckpointVersion expectedVersion, MimecastCheckpointVersion? actualVersion, Exception? innerException = null)
        : base($"The Mimecast feed checkpoint of customer '{customerName}' was moved by another feed (expected version {expectedVersion}, found {(actualVersion is { } v ? v.ToString() : "another")}); this batch was not committed. Poll again.",
            null, customerName, innerException)
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastCheckpointConflictException()
        : base("The Mimecast feed checkpoint was moved by another feed; the batch was not committed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MimecastCheckpointConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastCheckpointConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the version the batch was polled from.</summary>
    public MimecastCheckpointVersion ExpectedVersion { get; }

    /// <summary>Gets the version found in the store, when the store reports it.</summary>
    public MimecastCheckpointVersion? ActualVersion { get; }
}
