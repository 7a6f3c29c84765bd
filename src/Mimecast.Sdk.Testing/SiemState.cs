using System.Globalization;

namespace Mimecast.Sdk.Testing;

/// <summary>Immutable SIEM/audit settings taken from <see cref="SimulatorSiemOptions"/> at start.</summary>
internal sealed record SiemSettings(
    int InitialEventsPerType,
    int InitialAuditEvents,
    SimulatorSettings StreamRate,
    SimulatorSettings BatchRate,
    TimeSpan StreamWindow,
    TimeSpan BatchRetention,
    TimeSpan FileInterval,
    TimeSpan UrlLifetime,
    SimulatorSiemTypeSpelling StreamSpelling)
{
    public const int MaxStreamPageSize = 100;
    public const int MaxBatchPageSize = 100;

    public static SiemSettings From(SimulatorSiemOptions o, SimulatorSettings general)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentOutOfRangeException.ThrowIfNegative(o.InitialEventsPerType, nameof(o.InitialEventsPerType));
        ArgumentOutOfRangeException.ThrowIfNegative(o.InitialAuditEvents, nameof(o.InitialAuditEvents));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.StreamRateLimit.Limit, 1, nameof(o.StreamRateLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.StreamRateLimit.Window, TimeSpan.Zero, nameof(o.StreamRateLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.BatchRateLimit.Limit, 1, nameof(o.BatchRateLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.BatchRateLimit.Window, TimeSpan.Zero, nameof(o.BatchRateLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.StreamWindow, TimeSpan.Zero, nameof(o.StreamWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.BatchRetention, TimeSpan.Zero, nameof(o.BatchRetention));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.BatchFileInterval, TimeSpan.FromSeconds(1), nameof(o.BatchFileInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.BatchUrlLifetime, TimeSpan.Zero, nameof(o.BatchUrlLifetime));
        return new SiemSettings(
            o.InitialEventsPerType,
            o.InitialAuditEvents,
            general with { RateLimitEnabled = o.StreamRateLimit.Enabled, RateLimit = o.StreamRateLimit.Limit, RateWindow = o.StreamRateLimit.Window },
            general with { RateLimitEnabled = o.BatchRateLimit.Enabled, RateLimit = o.BatchRateLimit.Limit, RateWindow = o.BatchRateLimit.Window },
            o.StreamWindow,
            o.BatchRetention,
            o.BatchFileInterval,
            o.BatchUrlLifetime,
            o.StreamTypeSpelling);
    }
}

/// <summary>One listed batch file: its events (or bulk content) and its gzip bytes, built once (a published file never changes).</summary>
internal sealed class SiemFile(string id, string type, DateTimeOffset windowStart, long ordinal, Func<SiemFileContent> build)
{
    private readonly Lazy<SiemFileContent> _content = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Id { get; } = id;

    public string Type { get; } = type;

    public DateTimeOffset WindowStart { get; } = windowStart;

    /// <summary>Publication order: the batch cursor's position.</summary>
    public long Ordinal { get; } = ordinal;

    public SiemFileContent Content => _content.Value;

    public SimulatorSiemBatchFile Describe() =>
        new() { Id = Id, Type = Type, WindowStart = WindowStart, EventCount = Content.Lines, Size = Content.Gzip.Length, UncompressedSize = Content.UncompressedLength };
}

internal sealed record SiemFileContent(byte[] Gzip, long UncompressedLength, int Lines);

/// <summary>The SIEM events, batch files, audit events and SIEM quotas of one account. Guarded by the simulator's lock.</summary>
internal sealed class SiemAccountState
{
    private int _publishedIndex;

    public SiemAccountState(AccountState account, int simulatorSeed, DateTimeOffset start)
    {
        Account = account;
        AccountId = SiemGenerator.AccountId(account.Email);
        Random = new Random(KeyMaterial.Mix(simulatorSeed, account.Account.Seed, KeyMaterial.StableHash(account.Email.ToUpperInvariant()), 0x51e4));
        StreamBucket = new RateBucket(start);
        BatchBucket = new RateBucket(start);
    }

    public AccountState Account { get; }

    public string AccountId { get; }

    public Random Random { get; }

    /// <summary>Every event, in ingestion order (<see cref="SimulatorSiemEvent.Sequence"/> and <see cref="SimulatorSiemEvent.IngestedAt"/> both increase).</summary>
    public List<SimulatorSiemEvent> Events { get; } = [];

    public long NextSequence { get; set; } = 1;

    public RateBucket StreamBucket { get; }

    public RateBucket BatchBucket { get; }

    /// <summary>Batch files in publication order.</summary>
    public List<SiemFile> Published { get; } = [];

    public Dictionary<string, SiemFile> FilesById { get; } = new(StringComparer.Ordinal);

    public int BulkFiles { get; set; }

    public DateTimeOffset StreamWaitUntil { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset BatchWaitUntil { get; set; } = DateTimeOffset.MinValue;

    public LogStore<SimulatorAuditEvent> Audit { get; } = new();

    public long NextAuditSequence { get; set; } = 1;

    /// <summary>Stores an event received at <paramref name="ingestedAt"/> (never before the last one: ingestion order is time order).</summary>
    public SimulatorSiemEvent Add(SimulatorSiemEvent e, DateTimeOffset ingestedAt)
    {
        DateTimeOffset last = Events.Count > 0 ? Events[^1].IngestedAt : DateTimeOffset.MinValue;
        DateTimeOffset at = SiemGenerator.TruncateMs(e.Timestamp);
        SimulatorSiemEvent stored = e with
        {
            Sequence = NextSequence++,
            IngestedAt = ingestedAt > last ? ingestedAt : last,
            Timestamp = at,
            AccountId = string.IsNullOrEmpty(e.AccountId) ? AccountId : e.AccountId,
            AggregateId = string.IsNullOrEmpty(e.AggregateId) ? SiemGenerator.AggregateId(Random, at) : e.AggregateId,
            ProcessingId = string.IsNullOrEmpty(e.ProcessingId) ? SiemGenerator.ProcessingId(Random, at) : e.ProcessingId,
            Fields = e.Fields.ToArray(),
        };
        Events.Add(stored);
        return stored;
    }

    public SimulatorAuditEvent AddAudit(SimulatorAuditEvent e)
    {
        long seq = NextAuditSequence++;
        SimulatorAuditEvent stored = e with
        {
            Sequence = seq,
            EventTime = LogGenerator.Truncate(e.EventTime),
            Id = string.IsNullOrEmpty(e.Id) ? AuditGenerator.NewId(Random, seq) : e.Id,
        };
        Audit.Add(stored);
        return stored;
    }

    /// <summary>The index of the first event with a sequence greater than <paramref name="sequence"/>.</summary>
    public int FirstAfterSequence(long sequence)
    {
        int lo = 0, hi = Events.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Events[mid].Sequence <= sequence)
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

    /// <summary>The index of the first event received at or after <paramref name="t"/>.</summary>
    public int FirstIngestedAtOrAfter(DateTimeOffset t)
    {
        int lo = 0, hi = Events.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Events[mid].IngestedAt < t)
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

    /// <summary>Start of the newest window that has ended by <paramref name="now"/> (windows are aligned on the Unix epoch).</summary>
    public static DateTimeOffset ClosedUntil(DateTimeOffset now, TimeSpan interval)
    {
        long ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (ticks % interval.Ticks));
    }

    /// <summary>Publishes one file per (window, type) for every window that has ended by <paramref name="now"/>.</summary>
    public void Publish(DateTimeOffset now, TimeSpan interval)
    {
        DateTimeOffset closedUntil = ClosedUntil(now, interval);
        int end = _publishedIndex;
        while (end < Events.Count && Events[end].IngestedAt < closedUntil)
        {
            end++;
        }

        if (end == _publishedIndex)
        {
            return;
        }

        var groups = Events.GetRange(_publishedIndex, end - _publishedIndex)
            .GroupBy(e => (Window: ClosedUntil(e.IngestedAt, interval), e.Type))
            .OrderBy(g => g.Key.Window)
            .ThenBy(g => g.Key.Type, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            SimulatorSiemEvent[] events = g.ToArray();
            AddFile(g.Key.Type, g.Key.Window, () => SiemWire.BuildFile(events));
        }

        _publishedIndex = end;
    }

    public SiemFile AddFile(string type, DateTimeOffset window, Func<SiemFileContent> build)
    {
        long ordinal = Published.Count + 1;
        string id = string.Create(CultureInfo.InvariantCulture, $"{AccountId}-{type.Replace(' ', '-')}-{window:yyyyMMddHHmm}-{ordinal}");
        var file = new SiemFile(id, type, window, ordinal, build);
        Published.Add(file);
        FilesById.Add(id, file);
        return file;
    }
}
