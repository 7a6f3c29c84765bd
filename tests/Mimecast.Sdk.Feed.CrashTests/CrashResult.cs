using System.Globalization;
using System.Text;
using Mimecast.Sdk.Feed.CrashHost;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>What one crash test run did and what reached the sink.</summary>
internal sealed class CrashResult
{
    public required string Store { get; init; }

    public required int Seed { get; init; }

    public int Kills { get; set; }

    public double KillSeconds { get; set; }

    /// <summary>Per phase: how many processes died with that as their last marker.</summary>
    public SortedDictionary<string, int> KilledAfter { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags of batches whose commit returned (the host printed "committed").</summary>
    public HashSet<string> CommittedTags { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags of relay passes that finished (the host printed "relayed").</summary>
    public HashSet<string> RelayedTags { get; } = new(StringComparer.Ordinal);

    public int RecordsAdded { get; set; }

    public HashSet<(string Customer, string Key)> Late { get; set; } = [];

    /// <summary>The simulator's records (customer, content key): a multiset.</summary>
    public List<(string Customer, string Key)> Expected { get; set; } = [];

    /// <summary>Every delivery that reached the sink.</summary>
    public IReadOnlyList<SinkRecord> Sink { get; set; } = [];

    /// <summary>The sink's deliveries, one per (customer, event id).</summary>
    public List<SinkRecord> Distinct() => [.. Sink.DistinctBy(r => (r.Customer, r.EventId))];

    /// <summary>Simulator records that never reached the sink.</summary>
    public List<(string Customer, string Key)> Lost() => Subtract(Expected, Distinct().Select(r => (r.Customer, r.Key)));

    /// <summary>Deliveries that match no simulator record.</summary>
    public List<(string Customer, string Key)> Unexpected() => Subtract(Distinct().Select(r => (r.Customer, r.Key)), Expected);

    /// <summary>Deliveries beyond the first of an event id.</summary>
    public int DuplicateDeliveries => Sink.Count - Distinct().Count;

    /// <summary>Event ids delivered more than once.</summary>
    public List<IGrouping<(string Customer, string EventId), SinkRecord>> DuplicatedIds() =>
        [.. Sink.GroupBy(r => (r.Customer, r.EventId)).Where(g => g.Count() > 1)];

    public string Summary()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"store {Store}, seed {Seed}: {Kills} kills in {KillSeconds:0.0} s (last marker before death: ");
        sb.Append(string.Join(", ", KilledAfter.Select(p => $"{p.Key} {p.Value}")));
        sb.Append(CultureInfo.InvariantCulture, $"); simulator events {Expected.Count} ({RecordsAdded} added, {Late.Count} late); ");
        sb.Append(CultureInfo.InvariantCulture, $"sink deliveries {Sink.Count}, distinct event ids {Distinct().Count}, lost {Lost().Count} (late {Lost().Count(Late.Contains)}), unexpected {Unexpected().Count}, ");
        sb.Append(CultureInfo.InvariantCulture, $"duplicate deliveries {DuplicateDeliveries} ({DuplicatedIds().Count} event ids)");
        return sb.ToString();
    }

    private static List<(string, string)> Subtract(IEnumerable<(string, string)> from, IEnumerable<(string, string)> remove)
    {
        var counts = remove.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var left = new List<(string, string)>();
        foreach (var key in from)
        {
            if (counts.TryGetValue(key, out var n) && n > 0)
            {
                counts[key] = n - 1;
            }
            else
            {
                left.Add(key);
            }
        }

        return left;
    }
}
