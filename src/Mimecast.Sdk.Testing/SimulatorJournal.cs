namespace Mimecast.Sdk.Testing;

/// <summary>How a request authenticated itself.</summary>
public enum SimulatorAuthKind
{
    /// <summary>No <c>Authorization</c> header (or an unrecognised one).</summary>
    None,

    /// <summary>API 1.0 HMAC (<c>Authorization: MC accessKey:signature</c>).</summary>
    Hmac,

    /// <summary>API 2.0 bearer token.</summary>
    Bearer,

    /// <summary>Login with <c>Basic-Cloud</c> (cloud password).</summary>
    BasicCloud,

    /// <summary>Login with <c>Basic-AD</c> (domain password).</summary>
    BasicAd,

    /// <summary>The OAuth client-credentials form on <c>/oauth/token</c>.</summary>
    ClientCredentials,
}

/// <summary>One request the simulator saw. Holds no secret: credentials appear only as their public id.</summary>
public sealed record SimulatorJournalEntry
{
    /// <summary>When it arrived (simulator clock).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Request path.</summary>
    public required string Path { get; init; }

    /// <summary>How it authenticated.</summary>
    public SimulatorAuthKind AuthKind { get; init; }

    /// <summary>The account it was attributed to, if identified.</summary>
    public string? AccountEmail { get; init; }

    /// <summary>The access key or client id used (never a secret, never a token).</summary>
    public string? CredentialId { get; init; }

    /// <summary>The <c>x-mc-req-id</c> header.</summary>
    public string? RequestId { get; init; }

    /// <summary>HTTP status answered; 0 when the connection was dropped.</summary>
    public int StatusCode { get; init; }

    /// <summary>The first Mimecast / OAuth error code answered, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The <c>meta.pagination.pageToken</c> received.</summary>
    public string? PageToken { get; init; }

    /// <summary>The <c>meta.pagination.pageSize</c> received.</summary>
    public int? PageSize { get; init; }

    /// <summary>Number of records served (TTP log calls).</summary>
    public int? RecordCount { get; init; }

    /// <summary>The injected fault, if one was applied.</summary>
    public SimulatorFault? Fault { get; init; }

    /// <summary>The <c>X-RateLimit-Remaining</c> answered.</summary>
    public int RateLimitRemaining { get; init; }
}

/// <summary>The thread-safe list of every request the simulator saw.</summary>
public sealed class SimulatorJournal
{
    private readonly Lock _gate = new();
    private readonly List<SimulatorJournalEntry> _entries = [];

    internal SimulatorJournal()
    {
    }

    /// <summary>A snapshot of the entries, oldest first.</summary>
    public IReadOnlyList<SimulatorJournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Counts the entries for a path (ordinal, case-insensitive).</summary>
    /// <param name="path">A request path such as <c>/api/ttp/url/get-logs</c>.</param>
    /// <returns>The count.</returns>
    public int Count(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (_gate)
        {
            return _entries.Count(e => string.Equals(e.Path, path, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Counts the entries matching a predicate.</summary>
    /// <param name="predicate">The filter.</param>
    /// <returns>The count.</returns>
    public int Count(Func<SimulatorJournalEntry, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Entries.Count(predicate);
    }

    /// <summary>Counts the entries answered with a status.</summary>
    /// <param name="statusCode">An HTTP status code.</param>
    /// <returns>The count.</returns>
    public int CountStatus(int statusCode) => Count(e => e.StatusCode == statusCode);

    internal void Add(SimulatorJournalEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
