using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// Customers that appear together (thousands at a cluster's first start) get their first polls spread evenly over one
/// interval, so the cluster polls at its steady rate from the start instead of one wave per interval.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class StartupSpreadTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Customers_added_together_have_their_first_polls_spread_over_one_interval()
    {
        string[] customers = ["spread-1", "spread-2", "spread-3", "spread-4"];
        await using var cluster = await ClusterHarness.StartAsync(customers, output);
        var startedAt = DateTimeOffset.UtcNow;
        await using var worker = await InProcessWorker.StartAsync(cluster, customers, o =>
        {
            o.Customers.Clear();
            foreach (var name in customers)
            {
                o.Customers.Add(new MimecastFeedCustomer { Name = name, PollInterval = TimeSpan.FromSeconds(60) });
            }
        });

        // The first reconcile pass schedules all four (bounded wait).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var attempt = 0; attempt < 300 && DateTime.UtcNow < deadline
            && await cluster.ScalarAsync("SELECT count(*) FROM mimecast_quartz.qrtz_triggers WHERE trigger_group = 'mimecast-feed'") < 4; attempt++)
        {
            await Task.Delay(100);
        }

        // Next fire times (UTC ticks) of the three not polled yet (the first is due at once and may have re-armed).
        var due = new List<DateTimeOffset>();
        foreach (var name in customers.Skip(1))
        {
            due.Add(new DateTimeOffset(await cluster.ScalarAsync(
                "SELECT next_fire_time FROM mimecast_quartz.qrtz_triggers WHERE trigger_group = 'mimecast-feed' AND trigger_name = $1", name), TimeSpan.Zero));
        }

        output.WriteLine(string.Join(", ", due.Select(d => $"{(d - startedAt).TotalSeconds:0.0} s")));
        Assert.InRange((due[0] - startedAt).TotalSeconds, 10, 45); // 15 s after the pass (start-up on a loaded machine included)
        Assert.InRange((due[1] - due[0]).TotalSeconds, 14, 16);
        Assert.InRange((due[2] - due[1]).TotalSeconds, 14, 16);
    }
}
