using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>The cluster's log messages. Customer names only; never a credential or a connection string.</summary>
internal static partial class ClusterLog
{
    private static readonly Func<ILogger, string, IDisposable?> Scope =
        LoggerMessage.DefineScope<string>("Customer {Customer}");

    public static IDisposable? CustomerScope(ILogger logger, string customer) => Scope(logger, customer);

    [LoggerMessage(1, LogLevel.Debug, "Polled customer {Customer}: {Events} event(s) committed, more waiting: {HasMore}")]
    public static partial void Polled(ILogger logger, string customer, int events, bool hasMore);

    [LoggerMessage(2, LogLevel.Warning, "Commit of customer {Customer} was fenced: another execution moved its checkpoint first; nothing of this poll was stored")]
    public static partial void Fenced(ILogger logger, string customer);

    [LoggerMessage(3, LogLevel.Error, "Poll of customer {Customer} failed ({ErrorType}); it is polled again after its interval")]
    public static partial void PollFailed(ILogger logger, string customer, string errorType, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Could not re-arm the trigger of shard {Shard} ({ErrorType}); the reconciler re-arms a shard job left without a trigger")]
    public static partial void ShardRearmFailed(ILogger logger, int shard, string errorType);

    [LoggerMessage(5, LogLevel.Information, "Shard {Shard} taken over (recovering from a worker that stopped mid-run: {Recovering}); {Customers} customer due time(s) handed on")]
    public static partial void ShardTaken(ILogger logger, int shard, bool recovering, int customers);

    [LoggerMessage(6, LogLevel.Debug, "Shard {Shard} handed back: this worker runs {Running} shard(s), its fair share or more")]
    public static partial void ShardHandedBack(ILogger logger, int shard, int running);

    [LoggerMessage(7, LogLevel.Information, "Shard {Shard} released to the other workers ({Running} shard run(s) left in this worker)")]
    public static partial void ShardReleased(ILogger logger, int shard, int running);

    [LoggerMessage(8, LogLevel.Warning, "Shard {Shard} polled nothing in this run: the customer source has not been read yet")]
    public static partial void CustomersNotLoaded(ILogger logger, int shard);

    [LoggerMessage(9, LogLevel.Warning, "Shard job {Shard} had no trigger; re-armed to run now")]
    public static partial void ShardRearmed(ILogger logger, int shard);

    [LoggerMessage(10, LogLevel.Information, "Feed cluster worker {InstanceId} started in scheduler {Scheduler} (schema {Schema})")]
    public static partial void Started(ILogger logger, string instanceId, string scheduler, string schema);

    [LoggerMessage(11, LogLevel.Error, "Reading the customers or checking the shard jobs failed ({ErrorType}); retrying after the reconcile interval")]
    public static partial void ReconcileFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(13, LogLevel.Critical, "Feed cluster worker stopped by a fault; the process exits with code 1 so that its supervisor restarts it")]
    public static partial void WorkerFaulted(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Debug, "Read {Customers} customer(s); shard jobs: {Added} added, {Removed} removed, {Rearmed} re-armed")]
    public static partial void Reconciled(ILogger logger, int customers, int added, int removed, int rearmed);

    [LoggerMessage(14, LogLevel.Information, "Removed {Count} per-customer job(s) of an earlier version of the cluster (customers are polled through shards now)")]
    public static partial void LegacyJobsRemoved(ILogger logger, int count);
}
