using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The due times of one shard's customers, kept in memory by the worker that runs the shard (no database read or
/// write per poll) and handed on through the shard job's data when the shard moves. Not thread-safe: one shard run
/// at a time uses it.
/// </summary>
/// <remarks>
/// A customer is due <see cref="MimecastFeedCustomer.PollInterval"/> after the end of its last poll (right away while
/// more events wait). Customers that appear together (a first start with thousands) have their first polls spread
/// evenly over one interval; a single new customer is due at once. An interval that changes moves the next poll
/// earlier, never later.
/// </remarks>
internal sealed class ShardPlan
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets the number of customers in the plan.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets the due time of a customer, if it is in the plan.</summary>
    public DateTimeOffset? DueOf(string customer) => _entries.TryGetValue(customer, out var e) ? e.Due : null;

    /// <summary>
    /// Makes the plan follow the shard's customers: adds the new ones (spread over one interval when several appear
    /// together), drops the ones no longer listed and applies changed intervals.
    /// </summary>
    /// <returns>The number of customers added.</returns>
    public int Sync(IReadOnlyList<MimecastFeedCustomer> customers, TimeSpan defaultInterval, DateTimeOffset now)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<(string Name, TimeSpan Interval)>();
        foreach (var customer in customers)
        {
            listed.Add(customer.Name);
            var interval = customer.PollInterval ?? defaultInterval;
            if (!_entries.TryGetValue(customer.Name, out var entry))
            {
                fresh.Add((customer.Name, interval));
            }
            else if (entry.Interval != interval)
            {
                var earlier = now + interval;
                _entries[customer.Name] = new Entry(earlier < entry.Due ? earlier : entry.Due, interval);
            }
        }

        foreach (var gone in _entries.Keys.Where(n => !listed.Contains(n)).ToList())
        {
            _entries.Remove(gone);
        }

        fresh.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 0; i < fresh.Count; i++)
        {
            _entries[fresh[i].Name] = new Entry(now + (fresh[i].Interval * i / fresh.Count), fresh[i].Interval);
        }

        return fresh.Count;
    }

    /// <summary>Lists the customers due at <paramref name="now"/>, most overdue first, skipping <paramref name="busy"/> ones.</summary>
    public List<(string Name, DateTimeOffset Due)> Due(DateTimeOffset now, IReadOnlySet<string> busy)
    {
        var due = new List<(string Name, DateTimeOffset Due)>();
        foreach (var (name, entry) in _entries)
        {
            if (entry.Due <= now && !busy.Contains(name))
            {
                due.Add((name, entry.Due));
            }
        }

        due.Sort((a, b) => a.Due.CompareTo(b.Due));
        return due;
    }

    /// <summary>Gets the earliest due time of a customer not in <paramref name="busy"/>, or null when there is none.</summary>
    public DateTimeOffset? NextDue(IReadOnlySet<string> busy)
    {
        DateTimeOffset? next = null;
        foreach (var (name, entry) in _entries)
        {
            if (!busy.Contains(name) && (next is null || entry.Due < next))
            {
                next = entry.Due;
            }
        }

        return next;
    }

    /// <summary>Records the end of a poll: the customer is due again one interval later, or at once when more events wait.</summary>
    public void Completed(string customer, DateTimeOffset end, bool moreWaiting)
    {
        if (_entries.TryGetValue(customer, out var entry))
        {
            _entries[customer] = entry with { Due = moreWaiting ? end : end + entry.Interval };
        }
    }

    /// <summary>Serialises the due times (customer → Unix milliseconds) for the shard job's data.</summary>
    public string Save() =>
        JsonSerializer.Serialize(_entries.ToDictionary(e => e.Key, e => e.Value.Due.ToUnixTimeMilliseconds(), StringComparer.Ordinal), ShardPlanJson.Default.DictionaryStringInt64);

    /// <summary>
    /// Replaces the plan with the due times another run saved; the customers and their intervals come from the next
    /// <see cref="Sync"/> (a saved customer no longer listed is dropped there, a listed one not saved counts as new).
    /// </summary>
    public void Load(string? saved, TimeSpan defaultInterval)
    {
        _entries.Clear();
        if (string.IsNullOrEmpty(saved))
        {
            return;
        }

        Dictionary<string, long>? dues;
        try
        {
            dues = JsonSerializer.Deserialize(saved, ShardPlanJson.Default.DictionaryStringInt64);
        }
        catch (JsonException)
        {
            return; // unreadable: every customer counts as new (polled within one interval)
        }

        foreach (var (name, ms) in dues ?? [])
        {
            _entries[name] = new Entry(DateTimeOffset.FromUnixTimeMilliseconds(ms), defaultInterval);
        }
    }

    private readonly record struct Entry(DateTimeOffset Due, TimeSpan Interval);
}

[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class ShardPlanJson : JsonSerializerContext;
