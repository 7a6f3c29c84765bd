using Mimecast.Sdk.Feed.CrashHost;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>
/// The simulator's records while the workers run: a backlog at the start, then new records appended as the workers'
/// markers arrive (at the start of a poll and between the pages of a poll), some of them late: dated up to
/// <see cref="MaxLateness"/> before now, so behind a checkpoint that has caught up but inside the feed's overlap window.
/// Driven by a seeded <see cref="Random"/> and the markers, never by a timer.
/// </summary>
internal sealed class Traffic(MimecastSimulator simulator, IReadOnlyList<(string Customer, string Email)> customers, Random random, TimeProvider time, bool late)
{
    public static readonly TimeSpan MaxLateness = TimeSpan.FromSeconds(90);

    public int Added { get; private set; }

    public int LateAdded => Late.Count;

    /// <summary>The late records (customer, content key).</summary>
    public HashSet<(string Customer, string Key)> Late { get; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>A backlog of about 30 records per kind and customer over the last 20 minutes, several per second.</summary>
    public void AddBacklog()
    {
        foreach (var (_, email) in customers)
        {
            for (var kind = 0; kind < 3; kind++)
            {
                for (var group = 0; group < 12; group++)
                {
                    Add(email, kind, random.Next(1, 5), time.GetUtcNow().AddSeconds(-random.Next(60, 1200)));
                }
            }
        }
    }

    public void OnMarker(HostMarker marker)
    {
        if (!Enabled)
        {
            return;
        }

        if (marker.Phase == "poll" && random.NextDouble() < 0.5)
        {
            AddRandom(random.Next(1, 4), time.GetUtcNow());
        }
        else if (marker.Phase == "page" && random.NextDouble() < 0.2)
        {
            AddRandom(1, time.GetUtcNow());
        }

        if (late && marker.Phase == "poll" && random.NextDouble() < 0.25)
        {
            var (customer, email) = customers[random.Next(customers.Count)];
            var at = time.GetUtcNow() - TimeSpan.FromSeconds(random.Next(15, (int)MaxLateness.TotalSeconds));
            var log = simulator.Records<SimulatorUrlLog>().Add(1, at, email)[0];
            Added++;
            Late.Add((customer, SinkRecord.ContentKey("url", log.Date, log.UserEmailAddress, log.Url, log.MessageId, log.Action)));
        }
    }

    /// <summary>Every record of every customer as the sink's content keys (a multiset).</summary>
    public List<(string Customer, string Key)> ExpectedKeys()
    {
        var keys = new List<(string, string)>();
        foreach (var (customer, email) in customers)
        {
            keys.AddRange(simulator.Records<SimulatorUrlLog>().All(email).Select(l => (customer, SinkRecord.ContentKey("url", l.Date, l.UserEmailAddress, l.Url, l.MessageId, l.Action))));
            keys.AddRange(simulator.Records<SimulatorAttachmentLog>().All(email).Select(l => (customer, SinkRecord.ContentKey("attachment", l.Date, l.RecipientAddress, l.FileName, l.FileHash, l.MessageId))));
            keys.AddRange(simulator.Records<SimulatorImpersonationLog>().All(email).Select(l => (customer, SinkRecord.ImpersonationKey(l.Id))));
        }

        return keys;
    }

    private void AddRandom(int count, DateTimeOffset at)
    {
        var (_, email) = customers[random.Next(customers.Count)];
        Add(email, random.Next(3), count, at);
    }

    private void Add(string email, int kind, int count, DateTimeOffset at)
    {
        _ = kind switch
        {
            0 => simulator.Records<SimulatorUrlLog>().Add(count, at, email).Count,
            1 => simulator.Records<SimulatorAttachmentLog>().Add(count, at, email).Count,
            _ => simulator.Records<SimulatorImpersonationLog>().Add(count, at, email).Count,
        };
        Added += count;
    }
}
