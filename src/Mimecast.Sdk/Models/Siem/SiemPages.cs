namespace Mimecast.Sdk.Models;

/// <summary>One page of the SIEM event stream and the cursor to continue from.</summary>
public sealed class SiemEventPage
{
    internal SiemEventPage(IReadOnlyList<SiemEvent> events, string? nextPage, bool isCaughtUp)
    {
        Events = ReadOnlyItems.Of(events);
        NextPage = string.IsNullOrEmpty(nextPage) ? null : nextPage;
        IsCaughtUp = isCaughtUp;
    }

    /// <summary>Gets the events of this page, in the order Mimecast sent them.</summary>
    public IReadOnlyList<SiemEvent> Events { get; }

    /// <summary>
    /// Gets the opaque cursor (<c>@nextPage</c>) to pass back to read on from here, or <see langword="null"/> when none
    /// came. Save it to resume later; a cursor Mimecast no longer accepts fails with
    /// <see cref="MimecastInvalidCursorException"/>, and the caller restarts from a time.
    /// </summary>
    public string? NextPage { get; }

    /// <summary>Gets a value indicating whether Mimecast reported that the stream has caught up with the present.</summary>
    public bool IsCaughtUp { get; }

    /// <summary>Gets the <c>x-mc-req-id</c> of the request that returned this page.</summary>
    public string? RequestId { get; init; }
}

/// <summary>One page of the SIEM batch listing: files to download and the durable cursor to save once they are processed.</summary>
public sealed class SiemBatchPage
{
    internal SiemBatchPage(SiemBatchQuery query, string? requestCursor, IReadOnlyList<SiemBatchFile> files, string? nextPage, bool isCaughtUp)
    {
        Query = query;
        RequestCursor = requestCursor;
        Files = ReadOnlyItems.Of(files);
        NextPage = string.IsNullOrEmpty(nextPage) ? null : nextPage;
        IsCaughtUp = isCaughtUp;
    }

    /// <summary>Gets the files of this page (a file listed twice appears once), in listing order.</summary>
    public IReadOnlyList<SiemBatchFile> Files { get; }

    /// <summary>
    /// Gets the durable per-type cursor (<c>@nextPage</c>). Save it only after every file of this page is processed:
    /// it comes back even when the listing is caught up and empty, and dropping it replays up to 7 days.
    /// </summary>
    public string? NextPage { get; }

    /// <summary>Gets a value indicating whether the listing has caught up (no more files for now).</summary>
    public bool IsCaughtUp { get; }

    /// <summary>Gets the query that listed this page.</summary>
    public SiemBatchQuery Query { get; }

    /// <summary>Gets the cursor this page was listed from (<see langword="null"/> for the first page): an expired link is re-listed from it.</summary>
    public string? RequestCursor { get; }

    /// <summary>Gets the <c>x-mc-req-id</c> of the listing request.</summary>
    public string? RequestId { get; init; }
}

/// <summary>One batch file: a pre-signed, expiring download URL of a gzip file of newline-delimited JSON events.</summary>
public sealed class SiemBatchFile
{
    /// <summary>Creates a file entry.</summary>
    /// <param name="url">The pre-signed URL (its query string is a credential: never log it).</param>
    /// <param name="size">The size Mimecast reported.</param>
    /// <param name="expiry">When the URL expires, if reported.</param>
    public SiemBatchFile(Uri url, long? size, DateTimeOffset? expiry)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        Size = size;
        Expiry = expiry;
        Name = SiemWireFacts.FileIdentity(url);
    }

    /// <summary>Gets the pre-signed URL. Its query string carries the signature: treat it as a secret.</summary>
    public Uri Url { get; }

    /// <summary>Gets the file's identity: the URL without its signed query string. Safe to log.</summary>
    public string Name { get; }

    /// <summary>Gets the size Mimecast reported (whether compressed or not is unconfirmed).</summary>
    public long? Size { get; }

    /// <summary>Gets when the URL expires, if reported.</summary>
    public DateTimeOffset? Expiry { get; }

    /// <summary>Returns the file's name, never the signed URL.</summary>
    public override string ToString() => $"SiemBatchFile({Name})";
}

/// <summary>What to do with a batch file line that is not a JSON object.</summary>
public enum SiemMalformedLineHandling
{
    /// <summary>Stop with <see cref="MimecastBatchFileException"/> naming the file and line (the default): the page's cursor stays unsaved, nothing is lost.</summary>
    Throw = 0,

    /// <summary>Skip the line, log its file and line number (never its content) and count it in the <c>mimecast.siem.batch.lines_skipped</c> metric.</summary>
    SkipAndReport = 1,
}
