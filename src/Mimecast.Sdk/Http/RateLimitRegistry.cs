using System.Collections.Concurrent;

namespace Mimecast.Sdk.Http;

/// <summary>
/// One bucket per quota identity in the service provider (a singleton, so in practice the whole application): every
/// client, name and caller using the same Mimecast user waits together; different users never wait for each other. Buckets are held weakly, so a bucket whose
/// credentials were replaced or removed goes away with the last client that used it.
/// </summary>
internal sealed class RateLimitRegistry
{
    private readonly ConcurrentDictionary<string, WeakReference<RateLimitBucket>> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public RateLimitRegistry(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    internal int Count => _buckets.Count;

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

                var replacement = new RateLimitBucket(key, _timeProvider);
                if (_buckets.TryUpdate(key, new WeakReference<RateLimitBucket>(replacement), weak))
                {
                    return replacement;
                }

                continue;
            }

            var created = new RateLimitBucket(key, _timeProvider);
            if (_buckets.TryAdd(key, new WeakReference<RateLimitBucket>(created)))
            {
                Prune();
                return created;
            }
        }

        return new RateLimitBucket(key, _timeProvider);
    }

    private void Prune()
    {
        foreach (var pair in _buckets)
        {
            if (!pair.Value.TryGetTarget(out _))
            {
                _buckets.TryRemove(pair);
            }
        }
    }
}
