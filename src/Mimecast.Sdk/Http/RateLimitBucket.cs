using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Http;

/// <summary>
/// The client-side view of one Mimecast quota bucket (one user), shared by every request that draws on it.
/// It holds requests while the bucket is known to be empty or a 429 reset is running, and after a reset lets one
/// request through to learn the new state before the rest follow, so a refill is not met by a burst of 429s.
/// </summary>
internal sealed class RateLimitBucket
{
    private static readonly TimeSpan SameWindowTolerance = TimeSpan.FromMilliseconds(100);

    private readonly object _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly Action<RateLimitBucket>? _hold;
    private DateTimeOffset _resumeAt;
    private int? _remaining;
    private DateTimeOffset? _windowEnd;
    private int _inFlight;
    private bool _probeInFlight;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="key">The quota identity.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="hold">Called when the bucket takes a reset, so its owner keeps it alive until the reset has passed.</param>
    internal RateLimitBucket(string key, TimeProvider timeProvider, Action<RateLimitBucket>? hold = null)
    {
        Key = key;
        _timeProvider = timeProvider;
        _hold = hold;
    }

    /// <summary>Gets when held requests may go again (in the past when nothing holds them).</summary>
    internal DateTimeOffset ResumeAt
    {
        get
        {
            lock (_lock)
            {
                return _resumeAt;
            }
        }
    }

    internal string Key { get; }

    /// <summary>Gets the quota state of the latest response that carried one.</summary>
    internal MimecastRateLimitInfo? Last { get; private set; }

    /// <summary>
    /// Waits until a request may be sent. Returns how long it waited (zero when it was admitted at once) and whether
    /// this request is the probe after a reset.
    /// </summary>
    /// <exception cref="RateLimitBudgetExceededException">The wait would exceed <paramref name="budget"/>.</exception>
    internal async ValueTask<(TimeSpan Waited, bool Probe)> AcquireAsync(bool holdWhenExhausted, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        // Every pass either admits the request or waits a positive time; the count bounds the loop besides the budget.
        for (var pass = 0; pass < 100_000; pass++)
        {
            TimeSpan wait;
            DateTimeOffset until;
            Task changed;
            bool timeKnown;
            lock (_lock)
            {
                var now = _timeProvider.GetUtcNow();
                if (now >= _resumeAt)
                {
                    if (!holdWhenExhausted || _remaining is null || _remaining > 0)
                    {
                        if (_remaining > 0)
                        {
                            _remaining--;
                        }

                        _inFlight++;
                        return (pass == 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(started), false);
                    }

                    // Probe only when nothing is in flight: answers still out will carry the bucket's new state.
                    if (!_probeInFlight && _inFlight == 0)
                    {
                        _probeInFlight = true;
                        _inFlight++;
                        return (pass == 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(started), true);
                    }

                    // A probe or other requests are out: wait for their answers.
                    wait = budget - _timeProvider.GetElapsedTime(started);
                    until = MimecastTimeouts.Add(now, wait);
                    timeKnown = false;
                }
                else
                {
                    wait = _resumeAt - now;
                    until = _resumeAt;
                    timeKnown = true;
                }

                changed = _changed.Task;
            }

            var waited = _timeProvider.GetElapsedTime(started);
            if (MimecastTimeouts.Add(waited, timeKnown ? wait : TimeSpan.Zero) > budget || wait <= TimeSpan.Zero)
            {
                throw new RateLimitBudgetExceededException(timeKnown ? wait : null, waited);
            }

            // Either way, look again afterwards: the wait ran its course or the bucket changed.
            await WaitUntilAsync(changed, until, cancellationToken).ConfigureAwait(false);
        }

        throw new RateLimitBudgetExceededException(null, _timeProvider.GetElapsedTime(started));
    }

    /// <summary>
    /// Waits until <paramref name="changed"/> completes or the clock reaches <paramref name="until"/>. A timer counts
    /// from when it is created, not from when the wait was computed: if the clock moved in between (a thread
    /// descheduled after leaving the lock, or a test advancing fake time), the timer is re-armed so the wait still
    /// ends at <paramref name="until"/>, neither later nor never.
    /// </summary>
    private async Task WaitUntilAsync(Task changed, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (until <= now)
        {
            return;
        }

        var due = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A wait longer than a timer can run (MaxWait may be TimeSpan.MaxValue) ends early; the caller then looks again.
        using var timer = _timeProvider.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), due, MimecastTimeouts.ForTimer(until - now), Timeout.InfiniteTimeSpan);
        for (var pass = 0; pass < 3; pass++)
        {
            var armedAt = _timeProvider.GetUtcNow();
            if (armedAt == now)
            {
                break;
            }

            if (armedAt >= until)
            {
                due.TrySetResult();
                break;
            }

            timer.Change(MimecastTimeouts.ForTimer(until - armedAt), Timeout.InfiniteTimeSpan);
            now = armedAt;
        }

        await Task.WhenAny(changed, due.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the outcome of a request admitted by <see cref="AcquireAsync"/> and wakes the waiters.</summary>
    /// <param name="probe">Whether the request was the probe.</param>
    /// <param name="info">The rate-limit headers of the response, or <see langword="null"/> when none came (or no response).</param>
    /// <param name="tooManyRequests">Whether the response was a 429.</param>
    /// <param name="fallbackDelay">The delay to use after a 429 without a usable reset header.</param>
    /// <param name="holdWhenExhausted">Whether an empty bucket holds the next requests.</param>
    /// <param name="responded">Whether a response arrived at all.</param>
    internal void Complete(bool probe, MimecastRateLimitInfo? info, bool tooManyRequests, TimeSpan fallbackDelay, bool holdWhenExhausted, bool responded)
    {
        TaskCompletionSource changed;
        bool held;
        lock (_lock)
        {
            var resumeBefore = _resumeAt;
            _inFlight--;
            if (probe)
            {
                _probeInFlight = false;
            }

            if (responded)
            {
                var now = _timeProvider.GetUtcNow();
                if (tooManyRequests)
                {
                    var until = MimecastTimeouts.Add(now, info?.Reset ?? fallbackDelay);
                    if (until > _resumeAt)
                    {
                        _resumeAt = until;
                    }

                    _remaining = 0;
                }
                else if (info?.Remaining is int remaining)
                {
                    if (remaining == 0 && holdWhenExhausted && info.Reset is { } reset)
                    {
                        var until = MimecastTimeouts.Add(now, reset);
                        _windowEnd = until;
                        if (until > _resumeAt)
                        {
                            _resumeAt = until;
                        }

                        _remaining = 0;
                    }
                    else
                    {
                        // Requests still in flight were admitted against the old count and will each take a call.
                        int? estimate = remaining == 0 ? null : Math.Max(0, remaining - _inFlight);
                        var windowEnd = info.Reset is { } r ? MimecastTimeouts.Add(now, r) : (DateTimeOffset?)null;
                        // Answers arrive out of order: within one window the lowest count is the truest, so a late
                        // answer carrying a higher count must not reopen the bucket. A new window takes its count.
                        var sameWindow = windowEnd is { } end && _windowEnd is { } known && (end - known).Duration() < SameWindowTolerance;
                        _remaining = sameWindow && _remaining is { } current && estimate is { } next ? Math.Min(current, next) : estimate;
                        _windowEnd = windowEnd ?? _windowEnd;
                    }
                }
                else
                {
                    _remaining = null;
                }

                if (info is not null)
                {
                    Last = info;
                }
            }

            held = _resumeAt > resumeBefore;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (held)
        {
            _hold?.Invoke(this);
        }

        changed.TrySetResult();
    }
}

/// <summary>Raised inside the pipeline when a request would wait longer for the quota than allowed.</summary>
internal sealed class RateLimitBudgetExceededException : Exception
{
    internal RateLimitBudgetExceededException(TimeSpan? retryAfter, TimeSpan waited)
        : base("The rate-limit wait budget is exhausted.")
    {
        RetryAfter = retryAfter;
        Waited = waited;
    }

    public RateLimitBudgetExceededException()
    {
    }

    public RateLimitBudgetExceededException(string message)
        : base(message)
    {
    }

    public RateLimitBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TimeSpan? RetryAfter { get; }

    internal TimeSpan Waited { get; }
}
