using Microsoft.Extensions.Time.Testing;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>A FakeTimeProvider that reports when code starts waiting on a timer, so tests advance time only then.</summary>
internal sealed class SignalingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int TimersCreated { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource signal;
        lock (_gate)
        {
            TimersCreated++;
            signal = _timerCreated;
            _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
        return timer;
    }

    /// <summary>Completes when the number of timers created reaches <paramref name="count"/> (bounded by a safety timeout).</summary>
    public async Task WaitForTimersAsync(int count)
    {
        for (var i = 0; i < 1000; i++)
        {
            Task next;
            lock (_gate)
            {
                if (TimersCreated >= count)
                {
                    return;
                }

                next = _timerCreated.Task;
            }

            await next.WaitAsync(TimeSpan.FromSeconds(30));
        }

        throw new TimeoutException("Timers were not created.");
    }
}
