namespace Mimecast.Sdk;

/// <summary>How the SDK walks a paged listing (<see cref="MimecastClientOptions.Paging"/>).</summary>
public sealed class MimecastPagingOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the next page is requested while the caller handles the current one
    /// (one page ahead, never more). Defaults to <see langword="true"/>. A page read ahead and then abandoned (the
    /// caller stops early) has cost one call of the quota; it is cancelled if still in flight.
    /// </summary>
    public bool ReadAhead { get; set; } = true;

    /// <summary>
    /// Gets or sets the most pages one enumeration reads before failing with <see cref="MimecastPagingException"/>.
    /// Defaults to 100,000 (50 million records at the largest page size).
    /// </summary>
    public int MaxPages { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets the longest time one enumeration may run (from its first request, including the caller's own time
    /// between pages) before the next page request fails with <see cref="MimecastPagingException"/>;
    /// <see langword="null"/> (the default) for no bound.
    /// </summary>
    public TimeSpan? MaxDuration { get; set; }

    /// <summary>Returns a copy, so a running enumeration is not affected by later changes.</summary>
    internal MimecastPagingOptions Clone() => new() { ReadAhead = ReadAhead, MaxPages = MaxPages, MaxDuration = MaxDuration };
}
