using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Feed.PostgreSql;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// The meter <c>Mimecast.Sdk.Feed.Quartz</c> of a real worker (generic host, clustered Quartz, the real PostgreSQL
/// store, the simulator on 127.0.0.1), read with a <see cref="MeterListener"/> the way an OpenTelemetry exporter reads
/// it: polls by outcome, events committed, fenced commits and poll lag; and no credential in any instrument or tag.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class MetricsTests(ITestOutputHelper output)
{
    private const string Customer = "metered";

    [PostgresFact]
    public async Task Polls_events_lag_and_a_fenced_commit_are_recorded_with_an_outcome_tag_and_no_secret()
    {
        await using var cluster = await ClusterHarness.StartAsync([Customer], output);
        var account = ClusterAccounts.For(Customer);
        var measurements = new ConcurrentQueue<(string Meter, string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith("Mimecast.Sdk.Feed", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Meter.Name, i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Meter.Name, i.Name, v, tags.ToArray())));
        listener.Start();

        // Once armed, the next commit of the customer finds its checkpoint moved by "another node" (a second store
        // instance commits first), exactly what Quartz's rare double run does; the worker's commit is fenced.
        var armed = 0;
        ObservedCheckpointStore? observed = null;
        await using var worker = await InProcessWorker.StartAsync(cluster, [Customer], store: sp =>
        {
            observed = new ObservedCheckpointStore(sp.GetRequiredService<PostgreSqlCheckpointStore>(), cluster.DataSource, "inproc", TimeSpan.Zero, TimeProvider.System)
            {
                BeforeCommit = async () =>
                {
                    if (Interlocked.Exchange(ref armed, 0) == 1)
                    {
                        var other = new PostgreSqlCheckpointStore(cluster.DataSource);
                        var snapshot = await other.LoadAsync(Customer);
                        await other.CommitAsync(Customer, snapshot.Version, snapshot.State!, []);
                    }
                },
            };
            return observed;
        });

        var expected = cluster.ExpectedEvents(Customer);
        string Seen() => string.Join("; ", measurements.GroupBy(m => m.Instrument).Select(g => $"{g.Key}: {g.Count()} measurement(s), sum {g.Sum(m => m.Value)}"));
        await WaitAsync(() => Sum(measurements, "mimecast.feed.cluster.events") >= expected, "every event committed", Seen);
        // New events, so the next poll commits (a poll that finds nothing new stores nothing); its commit is fenced,
        // and the poll after it fetches the same events again and commits them.
        Interlocked.Exchange(ref armed, 1);
        cluster.AppendEvents(Customer);
        expected = cluster.ExpectedEvents(Customer);
        await WaitAsync(() => Sum(measurements, "mimecast.feed.cluster.fenced_commits") >= 1, "a fenced commit", Seen);
        await WaitAsync(() => Sum(measurements, "mimecast.feed.cluster.events") >= expected, "the fenced poll's events committed by the next poll", Seen);

        var quartz = measurements.Where(m => m.Meter == FeedClusterMetrics.MeterName).ToList();
        output.WriteLine(string.Join(Environment.NewLine, quartz.GroupBy(m => m.Instrument).Select(g => $"{g.Key}: {g.Count()} measurement(s), sum {g.Sum(m => m.Value)}")));
        Assert.Equal(expected, Sum(measurements, "mimecast.feed.cluster.events"));
        Assert.Equal(1, Sum(measurements, "mimecast.feed.cluster.fenced_commits"));
        Assert.Equal(1, Count(measurements, "mimecast.feed.cluster.polls", "fenced"));
        Assert.Equal(0, Count(measurements, "mimecast.feed.cluster.polls", "failed"));
        var polls = quartz.Count(m => m.Instrument == "mimecast.feed.cluster.polls");
        Assert.Equal(polls, quartz.Count(m => m.Instrument == "mimecast.feed.cluster.poll_duration"));
        // One lag per job run (a run may poll more than once while events wait); never negative, and on an idle
        // in-process worker well inside the misfire threshold.
        var lags = quartz.Where(m => m.Instrument == "mimecast.feed.cluster.poll_lag").Select(m => m.Value).ToList();
        Assert.NotEmpty(lags);
        Assert.All(lags, lag => Assert.InRange(lag, 0, 60));

        // The customer's name stays in the logs: one series per outcome, not per customer (thousands of customers).
        Assert.All(quartz, m => Assert.All(m.Tags, t => Assert.Equal("outcome", t.Key)));
        // No credential, connection string or password in any measurement of the feed's meters.
        var secrets = new[] { account.ClientSecret, account.ClientId, cluster.Connection, "Password=" };
        foreach (var m in measurements)
        {
            var text = m.Instrument + " " + string.Join(" ", m.Tags.Select(t => $"{t.Key}={t.Value}"));
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(1, worker.Services.GetRequiredService<FeedClusterMetrics>().FencedCommits);
        Assert.Equal(expected, await cluster.OutboxRowsAsync(Customer));
    }

    private static double Sum(IEnumerable<(string Meter, string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> all, string instrument) =>
        all.Where(m => m.Meter == FeedClusterMetrics.MeterName && m.Instrument == instrument).Sum(m => m.Value);

    private static int Count(IEnumerable<(string Meter, string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> all, string instrument, string outcome) =>
        all.Count(m => m.Meter == FeedClusterMetrics.MeterName && m.Instrument == instrument && m.Tags.Any(t => t.Key == "outcome" && Equals(t.Value, outcome)));

    private static async Task WaitAsync(Func<bool> condition, string what, Func<string> seen)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var attempt = 0; attempt < 3000 && !condition() && DateTime.UtcNow < deadline; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"Not seen within 60 s: {what}. Seen: {seen()}");
    }
}
