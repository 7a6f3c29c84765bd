using Microsoft.Extensions.Options;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// What this worker knows about the shards it runs: their plans (kept between runs, so a shard that stays here needs
/// no database read), how many it runs now against its fair share, the in-flight poll limit shared by all of them,
/// and the stop signals.
/// </summary>
/// <remarks>
/// <b>Fair share.</b> Quartz lets any worker with a free slot take a due shard, so a worker that started first would
/// keep every shard. A run therefore starts only while this worker runs fewer than
/// ⌈<see cref="MimecastFeedClusterOptions.ShardCount"/> / live workers⌉ shards (live: checked in within
/// <see cref="MimecastFeedClusterOptions.CheckinInterval"/> + <see cref="MimecastFeedClusterOptions.CheckinMisfireThreshold"/>,
/// read from Quartz's <c>QRTZ_SCHEDULER_STATE</c>); otherwise it hands the shard back at once, and a run that ends
/// while this worker runs more than its share releases its shard instead of keeping it. The share grows as soon as
/// a dead worker's check-in lapses, so survivors take its shards.
/// </remarks>
internal sealed class ShardOwnership : IDisposable
{
    private readonly FeedClusterState _state;
    private readonly IOptionsMonitor<MimecastFeedClusterOptions> _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<int, ShardState> _shards = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private int _running;
    private int _fairShare;
    private DateTimeOffset _fairShareAt = DateTimeOffset.MinValue;

    public ShardOwnership(FeedClusterState state, IOptionsMonitor<MimecastFeedClusterOptions> options, TimeProvider time)
    {
        _state = state;
        _options = options;
        _time = time;
        var settings = options.CurrentValue;
        _fairShare = settings.ShardCount;
        Polls = new SemaphoreSlim(settings.MaxConcurrentPolls, settings.MaxConcurrentPolls);
    }

    /// <summary>Gets the worker-wide limit of polls in flight (<see cref="MimecastFeedClusterOptions.MaxConcurrentPolls"/>).</summary>
    public SemaphoreSlim Polls { get; }

    /// <summary>Gets a token cancelled when the worker starts to stop: shard runs end and hand their shards on.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Gets a token cancelled when the host's shutdown time is up: polls still in flight are cancelled.</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>Gets the number of shard runs in this worker now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Gets how often the fair share is read again.</summary>
    public TimeSpan CheckinInterval => _options.CurrentValue.CheckinInterval;

    public void BeginStop() => _stopping.Cancel();

    public void AbortPolls() => _abort.Cancel();

    /// <summary>Gets the state of a shard in this worker (created on first use).</summary>
    public ShardState StateOf(int shard)
    {
        lock (_gate)
        {
            if (!_shards.TryGetValue(shard, out var state))
            {
                _shards[shard] = state = new ShardState();
            }

            return state;
        }
    }

    /// <summary>Claims a run slot within this worker's fair share; false when the worker runs its share already.</summary>
    public async Task<bool> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (TryClaim(await FairShareAsync(refresh: false, cancellationToken).ConfigureAwait(false)))
        {
            return true;
        }

        // The cached share may be stale (a worker died or left): read it again before handing the shard back.
        return TryClaim(await FairShareAsync(refresh: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Releases the run slot; returns whether the shard should be released (this worker runs more than its share).</summary>
    public async Task<bool> ExitAsync(CancellationToken cancellationToken)
    {
        var share = await FairShareAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var surplus = _running > share;
            _running--;
            return surplus;
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
        Polls.Dispose();
    }

    private bool TryClaim(int share)
    {
        lock (_gate)
        {
            if (_running >= share)
            {
                return false;
            }

            _running++;
            return true;
        }
    }

    /// <summary>Gets this worker's fair share of the shards (cached for one check-in interval unless <paramref name="refresh"/>).</summary>
    public async Task<int> FairShareAsync(bool refresh, CancellationToken cancellationToken)
    {
        var settings = _options.CurrentValue;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!refresh && now - _fairShareAt < settings.CheckinInterval)
            {
                return _fairShare;
            }
        }

        var live = 1;
        if (_state.Scheduler is { } scheduler)
        {
            try
            {
                var horizon = settings.CheckinInterval + settings.CheckinMisfireThreshold;
                var nodes = await scheduler.QueryClusterNodes(cancellationToken).ConfigureAwait(false);
                live = Math.Max(1, nodes.Count(n => n.IsCurrentNode || (n.LastCheckInUtc is { } at && now - at <= horizon)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                live = 1; // the database is away: keep running what this worker has (fencing covers a double run)
            }
        }

        var share = (settings.ShardCount + live - 1) / live;
        lock (_gate)
        {
            _fairShare = share;
            _fairShareAt = now;
            return share;
        }
    }
}

/// <summary>One shard's state in this worker: its plan, the run epoch it last wrote, and whether a run of it is active here.</summary>
internal sealed class ShardState
{
    private int _active;

    public ShardPlan Plan { get; } = new();

    /// <summary>Gets or sets the epoch this worker wrote at the end of its last run of the shard (0: none).</summary>
    public long Epoch { get; set; }

    /// <summary>Marks a run of the shard active in this worker; false if one is already (Quartz's rare double run).</summary>
    public bool TryActivate() => Interlocked.CompareExchange(ref _active, 1, 0) == 0;

    public void Deactivate() => Volatile.Write(ref _active, 0);
}
