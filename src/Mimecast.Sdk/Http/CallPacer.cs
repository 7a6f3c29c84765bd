using System.Collections.Concurrent;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Client-side pacing of one endpoint family for one quota owner: at most <c>limit</c> calls start within any sliding
/// window, so a documented quota (SIEM stream 300/hour, batch listing 50/15 min) is respected without a 429. Waits run
/// on the <see cref="TimeProvider"/>. The rate-limit gate still applies to every call on top of this.
/// </summary>
internal sealed class CallPacer
{
    private readonly Queue<DateTimeOffset> _starts = new();

    /// <summary>Waits until a call may start, records it, and returns how long it waited.</summary>
    internal async ValueTask<TimeSpan> WaitTurnAsync(MimecastCallPacing pacing, TimeProvider time, CancellationToken cancellationToken)
    {
        if (pacing.Limit <= 0 || pacing.Window <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var started = time.GetUtcNow();
        // Bounded: each round either starts the call or waits for the oldest call to leave the window.
        for (var round = 0; round < 1_000_000; round++)
        {
            TimeSpan delay;
            lock (_starts)
            {
                var now = time.GetUtcNow();
                while (_starts.Count > 0 && _starts.Peek() <= now - pacing.Window)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < pacing.Limit)
                {
                    _starts.Enqueue(now);
                    return now - started;
                }

                delay = _starts.Peek() + pacing.Window - now;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException("The call pacer did not grant a turn.");
    }
}

/// <summary>The pacers of every quota owner (the rate-limit bucket's partition) and endpoint family. A service-provider singleton.</summary>
internal sealed class CallPacerRegistry
{
    private readonly ConcurrentDictionary<(string Partition, string Family), CallPacer> _pacers = new();

    internal CallPacer Get(string partition, string family) => _pacers.GetOrAdd((partition, family), static _ => new CallPacer());
}
