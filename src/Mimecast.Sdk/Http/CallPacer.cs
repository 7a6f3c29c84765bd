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
    private TimeSpan _window;
    private bool _retired;

    /// <summary>
    /// Retires the pacer when no recorded start is still inside its window (it then knows nothing a new pacer would
    /// not), so the registry can drop it. A retired pacer grants no turns: its callers fetch the registry's new one.
    /// </summary>
    internal bool TryRetire(DateTimeOffset now)
    {
        lock (_starts)
        {
            while (_starts.Count > 0 && _starts.Peek() <= now - _window)
            {
                _starts.Dequeue();
            }

            _retired = _starts.Count == 0;
            return _retired;
        }
    }

    /// <summary>Waits until a call may start, records it, and returns how long it waited; <see langword="null"/> when the pacer was retired.</summary>
    internal async ValueTask<TimeSpan?> WaitTurnAsync(MimecastCallPacing pacing, TimeProvider time, CancellationToken cancellationToken)
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
                if (_retired)
                {
                    return null;
                }

                _window = pacing.Window;
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

/// <summary>
/// The pacers of every quota owner (the rate-limit bucket's partition) and endpoint family. A service-provider
/// singleton. Pacers with no call left inside their window are dropped whenever the table has doubled, so customers
/// long gone do not pile up, while a pacer still counting recent calls is kept whoever holds the customer.
/// </summary>
internal sealed class CallPacerRegistry
{
    private readonly ConcurrentDictionary<(string Partition, string Family), CallPacer> _pacers = new();
    private int _pruneAt = 64;

    internal int Count => _pacers.Count;

    /// <summary>Waits for a turn of <paramref name="family"/> for <paramref name="partition"/>; returns how long it waited.</summary>
    internal async ValueTask<TimeSpan> WaitTurnAsync(string partition, string family, MimecastCallPacing pacing, TimeProvider time, CancellationToken cancellationToken)
    {
        // Bounded: a pacer is retired only when idle, so a retry meets a new, live one.
        for (var pass = 0; pass < 16; pass++)
        {
            var key = (partition, family);
            if (!_pacers.TryGetValue(key, out var pacer))
            {
                pacer = _pacers.GetOrAdd(key, static _ => new CallPacer());
                Prune(time.GetUtcNow());
            }

            if (await pacer.WaitTurnAsync(pacing, time, cancellationToken).ConfigureAwait(false) is { } waited)
            {
                return waited;
            }

            _pacers.TryRemove(new KeyValuePair<(string, string), CallPacer>(key, pacer));
        }

        throw new InvalidOperationException("The call pacer did not grant a turn.");
    }

    private void Prune(DateTimeOffset now)
    {
        if (_pacers.Count < Volatile.Read(ref _pruneAt))
        {
            return;
        }

        foreach (var pair in _pacers)
        {
            if (pair.Value.TryRetire(now))
            {
                _pacers.TryRemove(pair);
            }
        }

        Volatile.Write(ref _pruneAt, Math.Max(64, _pacers.Count * 2));
    }
}
