using System.Net;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// Mimecast refused a SIEM cursor (<c>nextPage</c>) with HTTP 400: it is stale or invalid. Restart the stream from a
/// time (the last event's timestamp you processed, within the last 24 hours); retrying the same cursor cannot succeed.
/// </summary>
public sealed class MimecastInvalidCursorException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errors">The errors Mimecast reported.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last attempt.</param>
    /// <param name="operationPath">The API path.</param>
    public MimecastInvalidCursorException(string message, HttpStatusCode? statusCode, IReadOnlyList<MimecastError>? errors, string? requestId, string? operationPath)
        : base(message, statusCode, errors, requestId, operationPath)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastInvalidCursorException()
        : base("Mimecast refused the SIEM cursor; restart from a time.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastInvalidCursorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastInvalidCursorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Why a SIEM batch file could not be read.</summary>
public enum MimecastBatchFileError
{
    /// <summary>A line is not a JSON object (see <see cref="MimecastBatchFileException.LineNumber"/>).</summary>
    MalformedLine = 0,

    /// <summary>The gzip file ended early or is corrupt.</summary>
    Truncated = 1,

    /// <summary>The storage host answered an error other than an expired link, or the download failed or timed out.</summary>
    DownloadFailed = 2,
}

/// <summary>
/// A SIEM batch file could not be read: a malformed line (with its line number), a truncated or corrupt gzip file, or a
/// failed download. Events before the failure were delivered; the page's cursor must not be saved, so re-reading the
/// page later loses nothing. The message names the file (its URL without the signed query) and never its content.
/// </summary>
public sealed class MimecastBatchFileException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="error">What went wrong.</param>
    /// <param name="fileName">The file's name (its URL without the signed query string).</param>
    /// <param name="lineNumber">The 1-based line number, for a malformed line.</param>
    /// <param name="statusCode">The storage host's HTTP status, if any.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MimecastBatchFileException(string message, MimecastBatchFileError error, string fileName, long? lineNumber, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, statusCode, null, null, SiemWireFactsPath, innerException)
    {
        Error = error;
        FileName = fileName;
        LineNumber = lineNumber;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastBatchFileException()
        : this("A SIEM batch file could not be read.", MimecastBatchFileError.DownloadFailed, string.Empty, null)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastBatchFileException(string message)
        : this(message, MimecastBatchFileError.DownloadFailed, string.Empty, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastBatchFileException(string message, Exception innerException)
        : this(message, MimecastBatchFileError.DownloadFailed, string.Empty, null, null, innerException)
    {
    }

    /// <summary>Gets what went wrong.</summary>
    public MimecastBatchFileError Error { get; }

    /// <summary>Gets the file's name: its URL without the signed query string.</summary>
    public string FileName { get; }

    /// <summary>Gets the 1-based number of the malformed line, or <see langword="null"/>.</summary>
    public long? LineNumber { get; }

    private const string SiemWireFactsPath = Models.SiemWireFacts.BatchPath;
}
