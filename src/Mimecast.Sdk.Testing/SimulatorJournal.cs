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
/// <param name="Timestamp">When it arrived (simulator clock).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="AuthKind">How it authenticated.</param>
/// <param name="AccountEmail">The account it was attributed to, if identified.</param>
/// <param name="CredentialId">The access key or client id used (never a secret, never a token).</param>
/// <param name="RequestId">The <c>x-mc-req-id</c> header.</param>
/// <param name="StatusCode">HTTP status answered; 0 when the connection was dropped.</param>
/// <param name="ErrorCode">The first Mimecast / OAuth error code answered, if any.</param>
/// <param name="PageToken">The <c>meta.pagination.pageToken</c> received.</param>
/// <param name="PageSize">The <c>meta.pagination.pageSize</c> received.</param>
/// <param name="RecordCount">Number of records served (TTP log calls).</param>
/// <param name="Fault">The injected fault, if one was applied.</param>
/// <param name="RateLimitRemaining">The <c>X-RateLimit-Remaining</c> answered.</param>
public sealed record SimulatorJournalEntry(
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    SimulatorAuthKind AuthKind,
    string? AccountEmail,
    string? CredentialId,
    string? RequestId,
    int StatusCode,
    string? ErrorCode,
    string? PageToken,
    int? PageSize,
    int? RecordCount,
    SimulatorFault? Fault,
    int RateLimitRemaining);

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
