using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// The feed cluster with real worker processes (polls, commits and the package's hosted outbox relay) while the
/// database goes away: a fast restart, a SIGKILLed postmaster (crash recovery, fsync on) and 30 s unreachable. Each runs
/// against a throw-away PostgreSQL cluster of its own (<see cref="ThrowawayPostgres"/>). For each: every worker stays
/// up, resumes on its own, and the outbox holds every event exactly once (every simulator record one row, no commit
/// skipped a duplicate) and the relay delivers all of it.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(100);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);
    private static readonly Dictionary<string, string> WithRelay = new() { ["TESTWORKER_RELAY"] = "1" };

    [ThrowawayPostgresFact]
    public Task Fast_restart_while_polls_commits_and_the_relay_run() =>
        RideThroughAsync("restart", pg => pg.RestartFastAsync());

    [ThrowawayPostgresFact]
    public Task Postmaster_killed_with_sigkill_and_started_again() =>
        RideThroughAsync("sigkill", async pg =>
        {
            pg.KillPostmaster();
            await pg.StartServerAsync();
        });

    [ThrowawayPostgresFact]
    public Task Database_unreachable_for_30_seconds() =>
        RideThroughAsync("outage", async (pg, cluster) =>
        {
            await pg.StopFastAsync();
            var stoppedAt = cluster.Clock.Elapsed;
            // Bounded condition: every worker's relay has seen the outage (its retry warning) before the database returns.
            foreach (var worker in cluster.Workers)
            {
                await cluster.WaitUntilAsync($"worker {worker.Pid} saw the outage",
                    () => Task.FromResult(worker.Stderr.Contains("Mimecast outbox relay: the database failed", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
            }

            var rest = TimeSpan.FromSeconds(30) - (cluster.Clock.Elapsed - stoppedAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest); // the scenario itself: the database stays away for 30 s
            }

            await pg.StartServerAsync();
        });

    private Task RideThroughAsync(string prefix, Func<ThrowawayPostgres, Task> outage) =>
        RideThroughAsync(prefix, (pg, _) => outage(pg));

    private async Task RideThroughAsync(string prefix, Func<ThrowawayPostgres, ClusterHarness, Task> outage)
    {
        using var pg = await ThrowawayPostgres.StartAsync();
        string[] customers = [.. Enumerable.Range(1, 6).Select(i => $"{prefix}{i:00}")];
        await using var cluster = await ClusterHarness.StartAsync(customers, output, adminConnection: pg.AdminConnection);
        WorkerProcess[] workers = [cluster.StartWorker(holdMs: 300, WithRelay), cluster.StartWorker(holdMs: 300, WithRelay)];
        await cluster.WaitStartedAsync(workers, Startup);
        await cluster.WaitAllDeliveredAsync(customers, Recovery);

        // New events while polls and commits are in flight, then the database goes away under them.
        foreach (var name in customers)
        {
            cluster.AppendEvents(name);
        }

        await cluster.WaitForLineAsync("FETCHED", cluster.Clock.Elapsed - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var outageAt = cluster.Clock.Elapsed;
        await outage(pg, cluster);
        output.WriteLine($"{cluster.Clock.Elapsed.TotalSeconds,8:0.000} database back after {(cluster.Clock.Elapsed - outageAt).TotalSeconds:0.0} s");
        cluster.DataSource.Clear(); // the test's own pooled connections died with the server

        // More events after it is back: the workers must poll, commit and relay again on their own.
        foreach (var name in customers)
        {
            cluster.AppendEvents(name);
        }

        await cluster.WaitAllDeliveredAsync(customers, Recovery);
        await cluster.WaitUntilAsync("the relay delivered the whole outbox", async () => await cluster.UndeliveredAsync() == 0, Recovery);

        Assert.All(workers, w => Assert.False(w.HasExited, $"worker {w.Pid} exited"));
        Assert.Equal(0, await cluster.DuplicatesAsync());
        Assert.All(workers, w => Assert.DoesNotContain("were already in the outbox and were skipped", w.Stderr, StringComparison.Ordinal));
        Assert.Contains(workers, w => w.Lines.Any(l => l.At > outageAt && l.Line.StartsWith("DELIVERED ", StringComparison.Ordinal)));
    }
}
