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

    [LoggerMessage(4, LogLevel.Warning, "Could not re-arm the trigger of customer {Customer} ({ErrorType}); the reconciler re-arms it if the customer is still listed")]
    public static partial void RearmFailed(ILogger logger, string customer, string errorType);

    [LoggerMessage(5, LogLevel.Information, "Customer {Customer} recovered from a worker that stopped mid-poll; polling it again")]
    public static partial void Recovering(ILogger logger, string customer);

    [LoggerMessage(6, LogLevel.Information, "Customer {Customer} scheduled every {Interval} ({Outcome})")]
    public static partial void CustomerAdded(ILogger logger, string customer, TimeSpan interval, string outcome);

    [LoggerMessage(7, LogLevel.Information, "Customer {Customer} unscheduled (no longer listed)")]
    public static partial void CustomerRemoved(ILogger logger, string customer);

    [LoggerMessage(8, LogLevel.Information, "Customer {Customer} now polled every {Interval}")]
    public static partial void CustomerChanged(ILogger logger, string customer, TimeSpan interval);

    [LoggerMessage(9, LogLevel.Warning, "Customer {Customer} had no trigger; re-armed to poll now")]
    public static partial void CustomerRearmed(ILogger logger, string customer);

    [LoggerMessage(10, LogLevel.Information, "Feed cluster worker {InstanceId} started in scheduler {Scheduler} (schema {Schema})")]
    public static partial void Started(ILogger logger, string instanceId, string scheduler, string schema);

    [LoggerMessage(11, LogLevel.Error, "Reconciling the customers with the schedule failed ({ErrorType}); retrying after the reconcile interval")]
    public static partial void ReconcileFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(13, LogLevel.Critical, "Feed cluster worker stopped by a fault; the process exits with code 1 so that its supervisor restarts it")]
    public static partial void WorkerFaulted(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Debug, "Reconciled {Customers} customer(s): {Added} added, {Removed} removed, {Changed} changed, {Rearmed} re-armed")]
    public static partial void Reconciled(ILogger logger, int customers, int added, int removed, int changed, int rearmed);
}
