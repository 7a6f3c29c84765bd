namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>One way of running the feed (a checkpoint store plus its way of reaching the sink).</summary>
internal interface ICrashWorker : IAsyncDisposable
{
    /// <summary>Polls one customer, hands the batch on and commits it; returns the number of new events.</summary>
    Task<int> RunCustomerAsync(string customer, CancellationToken cancellationToken);

    /// <summary>Hands what waits in an outbox to the sink; returns the number of deliveries (0 without an outbox).</summary>
    Task<int> RelayAsync(CancellationToken cancellationToken);
}
