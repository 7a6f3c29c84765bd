using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>Settings of the SIEM event operations (stream and batch) and their client-side pacing.</summary>
public sealed class MimecastSiemOptions
{
    /// <summary>
    /// Gets or sets the pacing of stream calls (<c>/siem/v1/events/cg</c>). Defaults to Mimecast's documented quota,
    /// 300 calls an hour, so the quota is respected without provoking HTTP 429.
    /// </summary>
    public MimecastCallPacing StreamPacing { get; set; } = new() { Limit = SiemWireFacts.StreamCallsPerWindow, Window = SiemWireFacts.StreamWindow };

    /// <summary>
    /// Gets or sets the pacing of batch listing calls (<c>/siem/v1/batch/events/cg</c>). Defaults to the documented
    /// quota, 50 calls in 15 minutes. File downloads do not count: they go to the storage host.
    /// </summary>
    public MimecastCallPacing BatchListPacing { get; set; } = new() { Limit = SiemWireFacts.BatchListCallsPerWindow, Window = SiemWireFacts.BatchListWindow };

    /// <summary>Gets or sets how many batch files are downloaded at once. Defaults to 4.</summary>
    public int MaxParallelDownloads { get; set; } = 4;

    /// <summary>
    /// Gets or sets a value indicating whether batch events come out in listing order (every event of the first file,
    /// then of the second, ...). Defaults to <see langword="false"/>: the files of a page are read in parallel and
    /// their events interleave, each file's lines still in order, so decompression and parsing use every core. In
    /// listing order only the file being consumed makes progress (the others stop after a small buffer, since memory
    /// must not grow with file size), which makes reading about as fast as one download at a time. Either way the
    /// page's cursor is the checkpoint: save it once every event of the page is processed.
    /// </summary>
    public bool PreserveListingOrder { get; set; }

    /// <summary>Gets or sets the longest time one batch file download may take, from request to last byte. Defaults to 10 minutes.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets how many times an expired batch link (HTTP 403/404 from the storage host) is re-listed from the
    /// page's cursor for a fresh URL before the file is skipped. A skipped file is logged and counted in the
    /// <c>mimecast.siem.batch.files_skipped</c> metric; it is never retried forever. Defaults to 2.
    /// </summary>
    public int ExpiredLinkRelists { get; set; } = 2;

    /// <summary>Gets or sets what happens to a batch file line that is not a JSON object. Defaults to <see cref="SiemMalformedLineHandling.Throw"/>.</summary>
    public SiemMalformedLineHandling MalformedLines { get; set; } = SiemMalformedLineHandling.Throw;

    /// <summary>Gets or sets the branches of the unconfirmed SIEM wire choices (internal: tests run both branches).</summary>
    internal SiemWireChoices Wire { get; set; } = new();
}

/// <summary>A client-side limit of calls per sliding window, on the client's <see cref="TimeProvider"/>, shared by every client of one quota owner.</summary>
public sealed class MimecastCallPacing
{
    /// <summary>Gets or sets the most calls started within any <see cref="Window"/>; 0 turns pacing off.</summary>
    public int Limit { get; set; }

    /// <summary>Gets or sets the window.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>Returns the limit.</summary>
    public override string ToString() => Limit <= 0 ? "unpaced" : $"{Limit} calls per {Window}";
}
