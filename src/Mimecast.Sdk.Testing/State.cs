namespace Mimecast.Sdk.Testing;

/// <summary>Immutable settings taken from the options at start.</summary>
internal sealed record SimulatorSettings(
    TimeProvider Time,
    int Seed,
    TimeSpan DateSkew,
    TimeSpan BindingLifetime,
    TimeSpan TokenLifetime,
    int MaxPageSize,
    int DefaultPageSize,
    bool RejectReplayedRequestIds,
    bool RateLimitEnabled,
    int RateLimit,
    TimeSpan RateWindow,
    bool OffsetPageTokens = false);

internal readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, long ResetMs);

/// <summary>Fixed-window bucket: <c>Limit</c> calls per window; the window rolls on the simulator clock.</summary>
internal sealed class RateBucket(DateTimeOffset start)
{
    private DateTimeOffset _windowStart = start;
    private int _used;

    public RateDecision Take(DateTimeOffset now, SimulatorSettings s)
    {
        long reset = Roll(now, s.RateWindow);
        if (s.RateLimitEnabled && _used >= s.RateLimit)
        {
            return new RateDecision(false, s.RateLimit, 0, reset);
        }

        _used++;
        return new RateDecision(true, s.RateLimit, Math.Max(0, s.RateLimit - _used), reset);
    }

    public RateDecision Peek(DateTimeOffset now, SimulatorSettings s)
    {
        long reset = Roll(now, s.RateWindow);
        return new RateDecision(true, s.RateLimit, Math.Max(0, s.RateLimit - _used), reset);
    }

    private long Roll(DateTimeOffset now, TimeSpan window)
    {
        if (now >= _windowStart + window)
        {
            long windows = (now - _windowStart).Ticks / window.Ticks;
            _windowStart += TimeSpan.FromTicks(windows * window.Ticks);
            _used = 0;
        }

        return Math.Max(1, (long)Math.Ceiling((_windowStart + window - now).TotalMilliseconds));
    }
}

internal sealed class Binding(string accessKey, string secretKey, AccountState owner, DateTimeOffset expiresAt)
{
    public string AccessKey { get; } = accessKey;

    public string SecretKey { get; } = secretKey;

    public byte[] SecretBytes { get; } = Convert.FromBase64String(secretKey);

    public AccountState Owner { get; } = owner;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

    public bool Revoked { get; set; }
}

internal sealed class AccessToken(AccountState owner, DateTimeOffset expiresAt)
{
    public AccountState Owner { get; } = owner;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;
}

/// <summary>A sorted list of records, ordered by (timestamp, sequence).</summary>
internal sealed class LogStore<T>
    where T : class, ISimulatorLog
{
    private readonly List<T> _items = [];

    public List<T> Items => _items;

    public static int Compare(ISimulatorLog a, DateTimeOffset t, long seq)
    {
        int c = a.Timestamp.UtcTicks.CompareTo(t.UtcTicks);
        return c != 0 ? c : a.Sequence.CompareTo(seq);
    }

    /// <summary>The index of the first record at or after (<paramref name="t"/>, <paramref name="seq"/>) in a sorted list.</summary>
    public static int FirstAtOrAfter(List<T> items, DateTimeOffset t, long seq)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(items[mid], t, seq) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public void Add(T item) => _items.Insert(FirstAtOrAfter(_items, item.Timestamp, item.Sequence), item);
}

/// <summary>An account's general quota: its bucket, until when its caller was told to wait, and the counts of calls made during a wait and refused.</summary>
internal sealed class AccountQuota(DateTimeOffset start)
{
    public RateBucket Bucket { get; } = new(start);

    public DateTimeOffset WaitUntil { get; set; } = DateTimeOffset.MinValue;

    public long RequestsDuringWait { get; set; }

    public long RateLimitedResponses { get; set; }
}

/// <summary>
/// Everything the simulator holds for one account, split by concern: identity (<see cref="Account"/>, bindings' counter,
/// request ids seen), <see cref="Quota"/>, the TTP log stores and the stateful families' stores (<see cref="Store{T}"/>).
/// Guarded by the simulator's lock.
/// </summary>
internal sealed class AccountState
{
    private readonly Dictionary<Type, object> _stores = [];

    public AccountState(SimulatorAccount account, int simulatorSeed, DateTimeOffset start)
    {
        Account = account;
        int at = account.EmailAddress.IndexOf('@', StringComparison.Ordinal);
        Domain = at >= 0 ? account.EmailAddress[(at + 1)..] : "example.com";
        Quota = new AccountQuota(start);
        Random = new Random(KeyMaterial.Mix(simulatorSeed, account.Seed, KeyMaterial.StableHash(account.EmailAddress.ToUpperInvariant())));
    }

    public SimulatorAccount Account { get; }

    public string Email => Account.EmailAddress;

    public string Domain { get; }

    /// <summary>Gets the account's general quota and what it has counted (the SIEM quotas are in its SIEM state).</summary>
    public AccountQuota Quota { get; }

    public Random Random { get; }

    public long NextSequence { get; set; } = 1;

    public int BindingCounter { get; set; }

    public LogStore<SimulatorUrlLog> Url { get; } = new();

    public LogStore<SimulatorAttachmentLog> Attachment { get; } = new();

    public LogStore<SimulatorImpersonationLog> Impersonation { get; } = new();

    public Dictionary<string, DateTimeOffset> SeenRequestIds { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The account's store of a stateful family (held queue, managed URLs, groups, the account record …), created and
    /// seeded by <paramref name="create"/> on first use; a reset starts from new account states, so from new stores.
    /// Callers hold the simulator's lock.
    /// </summary>
    public T Store<T>(Func<AccountState, T> create)
        where T : class
    {
        if (!_stores.TryGetValue(typeof(T), out object? store))
        {
            store = create(this);
            _stores.Add(typeof(T), store);
        }

        return (T)store;
    }
}
