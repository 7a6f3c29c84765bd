using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Mimecast.Sdk.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created, so a test can wait until the SDK is
/// really waiting (a timer of the expected length exists) before advancing time: no sleeps, no races.
/// </summary>
public sealed class ObservableTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private (TimeSpan DueTime, TimeSpan By)? _preempt;

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 3, 7, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (_preempt is { } preempt && preempt.DueTime == dueTime)
        {
            _preempt = null;
            Fake.Advance(preempt.By);
        }

        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>
    /// The next timer created with <paramref name="dueTime"/> is created only after the clock moved on by
    /// <paramref name="by"/>: a thread descheduled between computing a wait and arming its timer, made deterministic.
    /// </summary>
    public void PreemptNextTimer(TimeSpan dueTime, TimeSpan by) => _preempt = (dueTime, by);

    /// <summary>Waits (bounded by 10 s of real time) until a timer due after exactly <paramref name="dueTime"/> is created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.WaitToReadAsync(bound.Token))
        {
            while (_timers.Reader.TryRead(out var due))
            {
                if (due == dueTime)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits (bounded) until a timer due within <paramref name="atMost"/> is created.</summary>
    public async Task<TimeSpan> WaitForTimerWithinAsync(TimeSpan atMost)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.WaitToReadAsync(bound.Token))
        {
            while (_timers.Reader.TryRead(out var due))
            {
                if (due > TimeSpan.Zero && due <= atMost)
                {
                    return due;
                }
            }
        }

        throw new TimeoutException();
    }
}
