namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// This worker's copy of the customer list, grouped by shard: read from the <see cref="IMimecastCustomerSource"/>
/// every <see cref="MimecastFeedClusterOptions.ReconcileInterval"/> by the worker's loop, read by the shard runs. A
/// customer added or removed changes no Quartz row: the runs of its shard pick it up at their next look.
/// </summary>
internal sealed class CustomerDirectory
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot _current = new(0, new Dictionary<int, IReadOnlyList<MimecastFeedCustomer>>());

    /// <summary>Gets the current version (it changes with every refresh that changed the list).</summary>
    public long Version => _current.Version;

    /// <summary>Gets the number of customers in the current list.</summary>
    public int Count => _current.ByShard.Values.Sum(c => c.Count);

    /// <summary>Completes once the customer source has been read the first time.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Gets the customers of a shard in the current list.</summary>
    public IReadOnlyList<MimecastFeedCustomer> CustomersOf(int shard) =>
        _current.ByShard.TryGetValue(shard, out var customers) ? customers : [];

    /// <summary>Replaces the list; checks that names are present and unique and intervals not negative.</summary>
    /// <returns>The number of customers.</returns>
    public int Replace(IReadOnlyCollection<MimecastFeedCustomer> customers, int shardCount)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var byShard = new Dictionary<int, List<MimecastFeedCustomer>>();
        foreach (var customer in customers)
        {
            if (string.IsNullOrWhiteSpace(customer?.Name))
            {
                throw new InvalidOperationException("The customer source listed a customer without a name.");
            }

            if (customer.PollInterval < TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Customer '{customer.Name}' has a negative poll interval.");
            }

            if (!names.Add(customer.Name))
            {
                throw new InvalidOperationException($"The customer source listed customer '{customer.Name}' twice.");
            }

            var shard = ShardSchedule.ShardOf(customer.Name, shardCount);
            if (!byShard.TryGetValue(shard, out var list))
            {
                byShard[shard] = list = [];
            }

            // A copy: the source may reuse or change its objects.
            list.Add(new MimecastFeedCustomer { Name = customer.Name, PollInterval = customer.PollInterval });
        }

        var previous = _current;
        var next = byShard.ToDictionary(p => p.Key, p => (IReadOnlyList<MimecastFeedCustomer>)p.Value);
        _current = new Snapshot(Same(previous.ByShard, next) ? previous.Version : previous.Version + 1, next);
        _loaded.TrySetResult();
        return names.Count;
    }

    private static bool Same(Dictionary<int, IReadOnlyList<MimecastFeedCustomer>> a, Dictionary<int, IReadOnlyList<MimecastFeedCustomer>> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && other.Count == p.Value.Count
            && p.Value.Zip(other).All(x => x.First.Name == x.Second.Name && x.First.PollInterval == x.Second.PollInterval));

    private sealed record Snapshot(long Version, Dictionary<int, IReadOnlyList<MimecastFeedCustomer>> ByShard);
}
