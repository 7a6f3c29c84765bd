using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>SIEM events (<c>client.Siem</c>, API 2.0 only): the event stream and the batch files. Thread-safe; each can be faked on its own.</summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface ISiemClient
{
    /// <summary>
    /// Streams the SIEM events of the requested types over a time range (<c>GET /siem/v1/events/cg</c>, API 2.0),
    /// following <c>@nextPage</c> until Mimecast reports it has caught up, or a page comes back empty or short. Events a
    /// page repeats from the previous page are delivered once. Calls are paced to the documented quota
    /// (<see cref="MimecastSiemOptions.StreamPacing"/>), so a long read waits rather than provoking HTTP 429. The next
    /// page is requested while the current one is consumed (<see cref="MimecastPagingOptions.ReadAhead"/>); a cursor
    /// seen before in the same read, or the <see cref="MimecastClientOptions.Paging"/> bounds, end the stream with
    /// <see cref="MimecastPagingException"/> after every event read has been delivered.
    /// </summary>
    /// <param name="query">The types and range, or <see langword="null"/> for every type from Mimecast's default start.</param>
    /// <param name="cancellationToken">Stops the stream; no further page is requested once it is cancelled.</param>
    /// <returns>The events in the order Mimecast sends them, type after type.</returns>
    /// <exception cref="MimecastInvalidCursorException">Mimecast refused a cursor (HTTP 400): restart from a time.</exception>
    IAsyncEnumerable<SiemEvent> GetEventsAsync(SiemEventQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the SIEM event stream and its cursor, for callers that save the cursor to resume later.</summary>
    /// <param name="query">The range and at most one type. Send the same query with every cursor of one reading.</param>
    /// <param name="nextPage">The <see cref="SiemEventPage.NextPage"/> of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call (and any pacing wait).</param>
    /// <returns>The page, its cursor and whether the stream has caught up. Pages are not de-duplicated against each other here.</returns>
    Task<SiemEventPage> GetEventsPageAsync(SiemEventQuery? query, string? nextPage, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists one page of SIEM batch files of one type (<c>GET /siem/v1/batch/events/cg</c>, API 2.0). Calls are paced
    /// to the documented quota (<see cref="MimecastSiemOptions.BatchListPacing"/>, 50 per 15 minutes).
    /// </summary>
    /// <param name="query">The type and day range.</param>
    /// <param name="nextPage">The saved <see cref="SiemBatchPage.NextPage"/> cursor, or <see langword="null"/> for the first listing.</param>
    /// <param name="cancellationToken">Cancels the call (and any pacing wait).</param>
    /// <returns>The files and the durable cursor to save once every file of the page is processed.</returns>
    Task<SiemBatchPage> GetBatchPageAsync(SiemBatchQuery query, string? nextPage, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads, decompresses and parses the files of a batch page, streaming line by line (no file is held in memory),
    /// with up to <see cref="MimecastSiemOptions.MaxParallelDownloads"/> downloads at once. Each file's lines come out in
    /// order; the events of files read at the same time interleave unless
    /// <see cref="MimecastSiemOptions.PreserveListingOrder"/> is set. After a file fails, no further file is started,
    /// the files in flight are read to their end, and then the failure is thrown. Downloads carry no Mimecast credentials. An expired link (HTTP 403/404) is
    /// re-listed from the page's cursor up to <see cref="MimecastSiemOptions.ExpiredLinkRelists"/> times, then the
    /// file is skipped, logged and counted (<c>mimecast.siem.batch.files_skipped</c>).
    /// </summary>
    /// <param name="page">A page from <see cref="GetBatchPageAsync"/>.</param>
    /// <param name="cancellationToken">Stops every download.</param>
    /// <returns>The events of every file of the page.</returns>
    /// <exception cref="MimecastBatchFileException">A malformed line (file and line number), a truncated file or a failed download.</exception>
    IAsyncEnumerable<SiemEvent> ReadBatchFilesAsync(SiemBatchPage page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists and reads SIEM batch files of one type from a cursor until the listing has caught up: the loop of
    /// <see cref="GetBatchPageAsync"/> and <see cref="ReadBatchFilesAsync"/>, for callers that do not save cursors.
    /// </summary>
    /// <param name="query">The type and day range.</param>
    /// <param name="nextPage">A saved cursor to start from, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the listing and every download.</param>
    /// <returns>The events, file by file.</returns>
    IAsyncEnumerable<SiemEvent> GetBatchEventsAsync(SiemBatchQuery query, string? nextPage = null, CancellationToken cancellationToken = default);
}
