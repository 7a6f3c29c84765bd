using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The worker's health: unhealthy while its scheduler is not running or its last check-in in
/// <c>QRTZ_SCHEDULER_STATE</c> is older than the point where the other workers declare it dead; degraded while the
/// check-in is late (over two intervals) or its clock differs from the database's by more than
/// <see cref="MimecastFeedClusterOptions.MaxClockSkew"/> (recovery decisions compare clocks across workers).
/// </summary>
internal sealed class MimecastFeedClusterHealthCheck(
    FeedClusterState state,
    ClusterDatabase database,
    FeedClusterMetrics metrics,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time) : IHealthCheck
{
    public const string Name = "mimecast-feed-cluster";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var scheduler = state.Scheduler;
        var data = new Dictionary<string, object>
        {
            ["polls"] = metrics.Polls,
            ["fencedCommits"] = metrics.FencedCommits,
        };
        if (scheduler is null)
        {
            return HealthCheckResult.Unhealthy("The feed cluster scheduler has not started.", data: data);
        }

        try
        {
            var status = await scheduler.GetStatus(cancellationToken).ConfigureAwait(false);
            data["instanceId"] = scheduler.SchedulerInstanceId;
            data["status"] = status.ToString();
            if (status == SchedulerStatus.Standby)
            {
                return HealthCheckResult.Degraded("The feed cluster scheduler is in standby: it polls no customer.", data: data);
            }

            if (status != SchedulerStatus.Running)
            {
                return HealthCheckResult.Unhealthy($"The feed cluster scheduler is not running ({status}).", data: data);
            }

            var (databaseNow, localNow) = await database.ReadClocksAsync(time, cancellationToken).ConfigureAwait(false);
            var skew = localNow - databaseNow;
            data["clockSkewMs"] = Math.Round(skew.TotalMilliseconds, 1);

            var self = (await scheduler.QueryClusterNodes(cancellationToken).ConfigureAwait(false)).FirstOrDefault(n => n.IsCurrentNode);
            if (self?.LastCheckInUtc is not { } lastCheckIn)
            {
                return HealthCheckResult.Degraded("This worker has not checked in to the cluster yet.", data: data);
            }

            var sinceCheckIn = databaseNow - lastCheckIn;
            data["lastCheckIn"] = lastCheckIn.ToString("O", CultureInfo.InvariantCulture);
            data["sinceCheckInMs"] = Math.Round(sinceCheckIn.TotalMilliseconds);
            if (sinceCheckIn > settings.CheckinInterval + settings.CheckinMisfireThreshold)
            {
                return HealthCheckResult.Unhealthy(
                    $"This worker last checked in {sinceCheckIn.TotalSeconds:0.0} s ago: the other workers treat it as dead and take over its customers.", data: data);
            }

            if (sinceCheckIn > 2 * settings.CheckinInterval)
            {
                return HealthCheckResult.Degraded($"This worker's check-in is late ({sinceCheckIn.TotalSeconds:0.0} s ago).", data: data);
            }

            if (skew.Duration() > settings.MaxClockSkew)
            {
                return HealthCheckResult.Degraded(
                    $"This worker's clock is {skew.TotalMilliseconds:0} ms off the database's (limit {settings.MaxClockSkew.TotalMilliseconds:0} ms): keep the workers' clocks in sync with NTP.", data: data);
            }

            return HealthCheckResult.Healthy("The feed cluster worker is running and checking in.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster database could not be read ({ex.GetType().Name}).", data: data);
        }
    }
}
