using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// The <c>mimecast-feed-cluster</c> health check of a real worker (generic host, clustered Quartz scheduler, the test's
/// own PostgreSQL database): what an orchestrator's probe sees when the worker runs, is paused, is shut down, has
/// stopped checking in, or runs on a clock that is off the database's.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class HealthCheckTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task A_running_worker_that_checks_in_is_healthy_and_reports_its_instance_and_skew()
    {
        await using var cluster = await ClusterHarness.StartAsync([], output);
        await using var worker = await InProcessWorker.StartAsync(cluster, []);

        var entry = await worker.WaitForHealthAsync(HealthStatus.Healthy, Timeout);

        output.WriteLine($"{entry.Status}: {entry.Description} {string.Join(", ", entry.Data.Select(d => $"{d.Key}={d.Value}"))}");
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(worker.Scheduler.SchedulerInstanceId, entry.Data["instanceId"]);
        Assert.True(Math.Abs((double)entry.Data["clockSkewMs"]) < 1000, $"skew {entry.Data["clockSkewMs"]} ms on one machine");
        Assert.True(entry.Data.ContainsKey("lastCheckIn"));
    }

    [PostgresFact]
    public async Task A_worker_in_standby_is_degraded_and_a_shut_down_one_is_unhealthy()
    {
        await using var cluster = await ClusterHarness.StartAsync([], output);
        await using var worker = await InProcessWorker.StartAsync(cluster, []);
        Assert.Equal(HealthStatus.Healthy, (await worker.WaitForHealthAsync(HealthStatus.Healthy, Timeout)).Status);

        // Standby: an operator paused it on purpose (it polls nothing, but restarting it would be wrong).
        await worker.Scheduler.Standby();
        var standby = await worker.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, standby.Status);
        Assert.Contains("standby", standby.Description, StringComparison.OrdinalIgnoreCase);

        await worker.Scheduler.Start();
        Assert.Equal(HealthStatus.Healthy, (await worker.WaitForHealthAsync(HealthStatus.Healthy, Timeout)).Status);

        await worker.Scheduler.Shutdown(waitForJobsToComplete: false);
        var shutDown = await worker.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, shutDown.Status);
        Assert.Contains("not running", shutDown.Description, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_worker_whose_clock_is_off_the_database_beyond_the_limit_is_degraded_either_way_and_healthy_within_it()
    {
        await using var cluster = await ClusterHarness.StartAsync([], output);
        await using var worker = await InProcessWorker.StartAsync(cluster, [], o => o.MaxClockSkew = TimeSpan.FromSeconds(2));
        Assert.Equal(HealthStatus.Healthy, (await worker.WaitForHealthAsync(HealthStatus.Healthy, Timeout)).Status);

        foreach (var skew in new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(-5) })
        {
            worker.Time.Skew = skew;
            var entry = await worker.CheckHealthAsync();
            output.WriteLine($"skew {skew}: {entry.Status}: {entry.Description} clockSkewMs={entry.Data["clockSkewMs"]}");
            Assert.Equal(HealthStatus.Degraded, entry.Status);
            Assert.Contains("clock", entry.Description, StringComparison.Ordinal);
            Assert.InRange((double)entry.Data["clockSkewMs"], skew.TotalMilliseconds - 1000, skew.TotalMilliseconds + 1000);
        }

        // Inside the limit (this machine's own clock agrees with the database's to a few ms).
        worker.Time.Skew = TimeSpan.FromSeconds(1);
        Assert.Equal(HealthStatus.Healthy, (await worker.CheckHealthAsync()).Status);
    }

    [PostgresFact]
    public async Task A_worker_whose_last_check_in_is_late_is_degraded_and_past_the_takeover_point_unhealthy()
    {
        await using var cluster = await ClusterHarness.StartAsync([], output);
        // Check-in every 60 s (so the scheduler does not overwrite the row during the test); others take over 120 s later.
        await using var worker = await InProcessWorker.StartAsync(cluster, [], o =>
        {
            o.CheckinInterval = TimeSpan.FromSeconds(60);
            o.CheckinMisfireThreshold = TimeSpan.FromSeconds(120);
        });
        Assert.Equal(HealthStatus.Healthy, (await worker.WaitForHealthAsync(HealthStatus.Healthy, Timeout)).Status);

        // What a worker that stopped checking in looks like in the cluster's table: its check-in time in the past
        // (Quartz.NET stores it as UTC ticks).
        await MoveCheckInBackAsync(cluster, worker, TimeSpan.FromSeconds(150));
        var late = await worker.CheckHealthAsync();
        output.WriteLine($"150 s: {late.Status}: {late.Description}");
        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Contains("late", late.Description, StringComparison.Ordinal);

        await MoveCheckInBackAsync(cluster, worker, TimeSpan.FromSeconds(100));
        var dead = await worker.CheckHealthAsync();
        output.WriteLine($"250 s: {dead.Status}: {dead.Description}");
        Assert.Equal(HealthStatus.Unhealthy, dead.Status);
        Assert.Contains("treat it as dead", dead.Description, StringComparison.Ordinal);
    }

    private static async Task MoveCheckInBackAsync(ClusterHarness cluster, InProcessWorker worker, TimeSpan by)
    {
        var rows = await cluster.ScalarAsync(
            "WITH u AS (UPDATE mimecast_quartz.qrtz_scheduler_state SET last_checkin_time = last_checkin_time - $1 WHERE instance_name = $2 RETURNING 1) SELECT count(*) FROM u",
            by.Ticks, worker.Scheduler.SchedulerInstanceId);
        Assert.Equal(1, rows);
    }
}
