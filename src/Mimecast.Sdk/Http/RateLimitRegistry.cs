using System.Collections.Concurrent;

namespace Mimecast.Sdk.Http;

/// <summary>
/// One bucket per quota identity in the service provider (a singleton, so in practice the whole application): every
/// client, name and caller using the same Mimecast user waits together; different users never wait for each other. Buckets are held weakly, so a bucket whose
/// credentials were replaced or removed goes away with the last client that used it, except that a bucket holding a
/// reset (a 429 or an exhausted quota) is held strongly until the reset has passed: a customer's context dropped and
/// rebuilt in between (a reconfiguration, a garbage collection) must still wait for it rather than meet a fresh bucket.
/// </summary>
internal sealed class RateLimitRegistry
{
    private readonly ConcurrentDictionary<string, WeakReference<RateLimitBucket>> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _held = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly Action<RateLimitBucket> _hold;
    private int _pruneAt = 64;

    public RateLimitRegistry(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _hold = Hold;
    }

    internal int Count => _buckets.Count;

    /// <summary>Gets how many buckets are held strongly for a pending reset.</summary>
    internal int HeldCount => _held.Count;

    internal RateLimitBucket Get(string key)
    {
        // Bounded: each pass either returns or replaces a dead entry that another thread did not.
        for (var pass = 0; pass < 16; pass++)
        {
            if (_buckets.TryGetValue(key, out var weak))
            {
                if (weak.TryGetTarget(out var existing))
                {
                    return existing;
                }

                var replacement = new RateLimitBucket(key, _timeProvider, _hold);
                if (_buckets.TryUpdate(key, new WeakReference<RateLimitBucket>(replacement), weak))
                {
                    return replacement;
                }

                continue;
            }

            var created = new RateLimitBucket(key, _timeProvider, _hold);
            if (_buckets.TryAdd(key, new WeakReference<RateLimitBucket>(created)))
            {
                PruneIfGrown();
                return created;
            }
        }

        return new RateLimitBucket(key, _timeProvider, _hold);
    }

    /// <summary>Keeps <paramref name="bucket"/> alive until its reset has passed.</summary>
    private void Hold(RateLimitBucket bucket)
    {
        _held[bucket.Key] = bucket;
        PruneIfGrown();
    }

    /// <summary>Sweeps whenever the tables have doubled since the last sweep (amortised constant per add).</summary>
    private void PruneIfGrown()
    {
        if (_buckets.Count + _held.Count < Volatile.Read(ref _pruneAt))
        {
            return;
        }

        Prune();
        Volatile.Write(ref _pruneAt, Math.Max(64, (_buckets.Count + _held.Count) * 2));
    }

    /// <summary>Releases held buckets whose reset has passed and drops entries whose bucket was collected.</summary>
    internal void Prune()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var pair in _held)
        {
            if (pair.Value.ResumeAt <= now)
            {
                _held.TryRemove(pair);
            }
        }

        foreach (var pair in _buckets)
        {
            if (!pair.Value.TryGetTarget(out _))
            {
                _buckets.TryRemove(pair);
            }
        }
    }
}
