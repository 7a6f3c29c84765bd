namespace Mimecast.Sdk;

/// <summary>
/// A paged listing was stopped because the server did something that would make it run without end: it sent a page
/// token seen before in the same listing (a cycle), or the listing exceeded <see cref="MimecastPagingOptions.MaxPages"/>
/// or <see cref="MimecastPagingOptions.MaxDuration"/>. Every record of the pages read before it was delivered.
/// </summary>
public sealed class MimecastPagingException : MimecastApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message for the person reading the log.</param>
    /// <param name="reason">What the server did.</param>
    /// <param name="pagesRead">The pages read before the listing was stopped.</param>
    /// <param name="requestId">The <c>x-mc-req-id</c> of the last page.</param>
    public MimecastPagingException(string message, MimecastPagingFailure reason, int pagesRead, string? requestId)
        : base(message, null, null, requestId)
    {
        Reason = reason;
        PagesRead = pagesRead;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MimecastPagingException()
        : this("The Mimecast listing was stopped.", MimecastPagingFailure.TokenCycle, 0, null)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public MimecastPagingException(string message)
        : this(message, MimecastPagingFailure.TokenCycle, 0, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public MimecastPagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets what the server did.</summary>
    public MimecastPagingFailure Reason { get; }

    /// <summary>Gets the number of pages read (and delivered) before the listing was stopped.</summary>
    public int PagesRead { get; }
}

/// <summary>Why a paged listing was stopped.</summary>
public enum MimecastPagingFailure
{
    /// <summary>The server sent a page token already used in this listing (A → B → A …).</summary>
    TokenCycle,

    /// <summary>The listing had more pages than <see cref="MimecastPagingOptions.MaxPages"/>.</summary>
    TooManyPages,

    /// <summary>The listing ran longer than <see cref="MimecastPagingOptions.MaxDuration"/>.</summary>
    TooLong,
}
