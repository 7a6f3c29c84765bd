namespace Mimecast.Sdk.Testing;

/// <summary>A kind of injected failure.</summary>
public enum SimulatorFault
{
    /// <summary>HTTP 503 with a Mimecast envelope (<see cref="SimulatorErrorCodes.ServiceUnavailable"/>, retryable).</summary>
    ServerError,

    /// <summary>The answer is delayed by <see cref="SimulatorFaults.LatencyDuration"/> on the simulator's clock, then served normally.</summary>
    Latency,

    /// <summary>HTTP 200 whose <c>fail</c> carries <see cref="SimulatorErrorCodes.InternalError"/> with <c>retryable: true</c>, and no records.</summary>
    FailEnvelope,

    /// <summary>HTTP 200 whose JSON body is cut in the middle.</summary>
    MalformedJson,

    /// <summary>HTTP 502 with a <c>text/html</c> error page (as a proxy would answer).</summary>
    HtmlErrorPage,

    /// <summary>The connection is aborted without an answer.</summary>
    DroppedConnection,

    /// <summary>HTTP 429 with <c>X-RateLimit-Reset</c> = <see cref="SimulatorFaults.RateLimitedReset"/>; not executed.</summary>
    RateLimited,

    /// <summary>HTTP 401 with a flat <c>fail</c> <c>token_expired</c>; a bearer token used on it is revoked.</summary>
    TokenExpired,

    /// <summary>A SIEM batch file download answers HTTP 403 as if its signed URL had expired (a file fault: applies to downloads only).</summary>
    ExpiredLink,

    /// <summary>A SIEM batch file download answers HTTP 200 with only the first half of the gzip file (a file fault).</summary>
    TruncatedGzip,

    /// <summary>A SIEM batch file download answers a complete gzip file whose middle line (index <c>lines / 2</c>) is cut in half: invalid JSON, every other line intact (a file fault).</summary>
    MalformedLine,

    /// <summary>
    /// The request is carried out (a write is applied: the state changes) and then the connection is dropped without an
    /// answer, so the caller cannot tell whether it happened: the case a non-idempotent write must never be resent on.
    /// Queued only (<see cref="SimulatorFaults.Enqueue"/>, or <c>"fault":"applied-answer-lost"</c> on the control API).
    /// </summary>
    AppliedAnswerLost,
}

/// <summary>
/// Injected failures, changeable at run time and thread-safe. Queued faults (<see cref="Enqueue"/>) are
/// applied first, in order; then the probability rates are rolled with a random generator seeded by
/// <see cref="MimecastSimulatorOptions.Seed"/>. Faults apply to the data endpoints only (TTP logs, SIEM stream and
/// batch listing, audit events), unless a queued fault names another path. They are applied after authentication and
/// the rate-limit bucket. The file faults (<see cref="SimulatorFault.ExpiredLink"/>, <see cref="SimulatorFault.TruncatedGzip"/>,
/// <see cref="SimulatorFault.MalformedLine"/>) apply to SIEM batch file downloads only, and only those apply there.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _seed;
    private Random _random;
    private readonly LinkedList<QueuedFault> _queue = new();
    private DateTimeOffset _forcedUntil = DateTimeOffset.MinValue;
    private TimeSpan _latency = TimeSpan.FromSeconds(5);
    private TimeSpan _rateLimitedReset = TimeSpan.FromSeconds(1);
    private double _serverErrorRate;
    private double _latencyRate;
    private double _failEnvelopeRate;
    private double _malformedJsonRate;
    private double _htmlErrorPageRate;
    private double _droppedConnectionRate;
    private double _rateLimitedRate;

    internal SimulatorFaults(TimeProvider time, int seed)
    {
        _time = time;
        _seed = seed;
        _random = new Random(seed ^ 0x5eed_fa17);
    }

    /// <summary>The delay of a <see cref="SimulatorFault.Latency"/> fault. Default 5 seconds.</summary>
    public TimeSpan LatencyDuration { get => Get(ref _latency); set => Set(ref _latency, value); }

    /// <summary>The reset announced by a <see cref="SimulatorFault.RateLimited"/> fault. Default 1 second.</summary>
    public TimeSpan RateLimitedReset { get => Get(ref _rateLimitedReset); set => Set(ref _rateLimitedReset, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.ServerError"/> on each TTP call.</summary>
    public double ServerErrorRate { get => Get(ref _serverErrorRate); set => SetRate(ref _serverErrorRate, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.Latency"/> on each TTP call.</summary>
    public double LatencyRate { get => Get(ref _latencyRate); set => SetRate(ref _latencyRate, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.FailEnvelope"/> on each TTP call.</summary>
    public double FailEnvelopeRate { get => Get(ref _failEnvelopeRate); set => SetRate(ref _failEnvelopeRate, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.MalformedJson"/> on each TTP call.</summary>
    public double MalformedJsonRate { get => Get(ref _malformedJsonRate); set => SetRate(ref _malformedJsonRate, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.HtmlErrorPage"/> on each TTP call.</summary>
    public double HtmlErrorPageRate { get => Get(ref _htmlErrorPageRate); set => SetRate(ref _htmlErrorPageRate, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.DroppedConnection"/> on each TTP call.</summary>
    public double DroppedConnectionRate { get => Get(ref _droppedConnectionRate); set => SetRate(ref _droppedConnectionRate, value); }

    /// <summary>Probability (0–1) of <see cref="SimulatorFault.RateLimited"/> on each TTP call.</summary>
    public double RateLimitedRate { get => Get(ref _rateLimitedRate); set => SetRate(ref _rateLimitedRate, value); }

    /// <summary>Number of queued faults not yet applied.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Sum(q => q.Remaining);
            }
        }
    }

    /// <summary>Makes the next <paramref name="count"/> data calls (or calls to <paramref name="path"/>) fail with <paramref name="fault"/>; a file fault applies to the next batch file downloads.</summary>
    /// <param name="fault">The failure.</param>
    /// <param name="count">How many consecutive matching calls it applies to.</param>
    /// <param name="path">A request path it is limited to (any path, including login ones); null = any data endpoint (TTP logs, SIEM, audit), or any batch file download for a file fault.</param>
    public void Enqueue(SimulatorFault fault, int count = 1, string? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault));
        }

        lock (_gate)
        {
            _queue.AddLast(new QueuedFault(fault, path, count));
        }
    }

    /// <summary>Answers every TTP log call with 429 until <paramref name="reset"/> has elapsed on the simulator clock (the announced reset counts down).</summary>
    /// <param name="reset">How long the forced throttle lasts.</param>
    public void ForceRateLimit(TimeSpan reset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(reset, TimeSpan.Zero);
        lock (_gate)
        {
            _forcedUntil = _time.GetUtcNow() + reset;
        }
    }

    /// <summary>Removes queued faults, the forced throttle, and sets every rate to 0.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _forcedUntil = DateTimeOffset.MinValue;
            _serverErrorRate = _latencyRate = _failEnvelopeRate = _malformedJsonRate = 0;
            _htmlErrorPageRate = _droppedConnectionRate = _rateLimitedRate = 0;
        }
    }

    /// <summary>Back to the start: <see cref="Clear"/>, the default durations, and the seeded random sequence from its beginning.</summary>
    internal void Reset()
    {
        Clear();
        lock (_gate)
        {
            _latency = TimeSpan.FromSeconds(5);
            _rateLimitedReset = TimeSpan.FromSeconds(1);
            _random = new Random(_seed ^ 0x5eed_fa17);
        }
    }

    internal FaultDecision? Next(string path, bool isTtp, bool isFile = false)
    {
        lock (_gate)
        {
            for (LinkedListNode<QueuedFault>? node = _queue.First; node is not null; node = node.Next)
            {
                QueuedFault q = node.Value;
                bool matches = IsFileFault(q.Fault) == isFile
                    && (q.Path is null ? isTtp || isFile : string.Equals(q.Path, path, StringComparison.OrdinalIgnoreCase));
                if (!matches)
                {
                    continue;
                }

                q.Remaining--;
                if (q.Remaining == 0)
                {
                    _queue.Remove(node);
                }

                return Decide(q.Fault);
            }

            if (!isTtp || isFile)
            {
                return null;
            }

            DateTimeOffset now = _time.GetUtcNow();
            if (now < _forcedUntil)
            {
                return new FaultDecision(SimulatorFault.RateLimited, _latency, _forcedUntil - now);
            }

            (double Rate, SimulatorFault Fault)[] rates =
            [
                (_serverErrorRate, SimulatorFault.ServerError),
                (_latencyRate, SimulatorFault.Latency),
                (_failEnvelopeRate, SimulatorFault.FailEnvelope),
                (_malformedJsonRate, SimulatorFault.MalformedJson),
                (_htmlErrorPageRate, SimulatorFault.HtmlErrorPage),
                (_droppedConnectionRate, SimulatorFault.DroppedConnection),
                (_rateLimitedRate, SimulatorFault.RateLimited),
            ];
            foreach ((double rate, SimulatorFault fault) in rates)
            {
                if (rate > 0 && _random.NextDouble() < rate)
                {
                    return Decide(fault);
                }
            }

            return null;
        }
    }

    private static bool IsFileFault(SimulatorFault fault) =>
        fault is SimulatorFault.ExpiredLink or SimulatorFault.TruncatedGzip or SimulatorFault.MalformedLine;

    private FaultDecision Decide(SimulatorFault fault) => new(fault, _latency, _rateLimitedReset);

    private T Get<T>(ref T field)
    {
        lock (_gate)
        {
            return field;
        }
    }

    private void Set(ref TimeSpan field, TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        lock (_gate)
        {
            field = value;
        }
    }

    private void SetRate(ref double field, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A rate is a probability between 0 and 1.");
        }

        lock (_gate)
        {
            field = value;
        }
    }

    private sealed class QueuedFault(SimulatorFault fault, string? path, int remaining)
    {
        public SimulatorFault Fault { get; } = fault;

        public string? Path { get; } = path;

        public int Remaining { get; set; } = remaining;
    }
}

internal readonly record struct FaultDecision(SimulatorFault Fault, TimeSpan Latency, TimeSpan Reset);
