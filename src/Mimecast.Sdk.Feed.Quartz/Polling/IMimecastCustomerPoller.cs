namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// Runs one poll of one customer (every kind) and commits it. The cluster calls it from the run of the customer's
/// shard, many at once (one per customer in flight; never two at once for one customer in one run). Quartz can in rare
/// cases run one shard on two workers at once, so an implementation must commit through a store
/// that fences on the checkpoint version (the loser's commit is refused and reported as <see cref="MimecastCustomerPollResult.Fenced"/>).
/// </summary>
public interface IMimecastCustomerPoller
{
    /// <summary>Polls the customer once and commits the batch.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="cancellationToken">Cancels the poll (the worker is stopping); nothing uncommitted is stored.</param>
    /// <returns>What the poll did.</returns>
    Task<MimecastCustomerPollResult> PollAsync(MimecastFeedCustomer customer, CancellationToken cancellationToken);
}

/// <summary>What one poll of one customer did.</summary>
public readonly record struct MimecastCustomerPollResult
{
    /// <summary>The events committed (0 when fenced).</summary>
    public int Events { get; init; }

    /// <summary>Whether the commit was refused because another execution moved the checkpoint first.</summary>
    public bool Fenced { get; init; }

    /// <summary>Whether more events are waiting (the job polls again right away).</summary>
    public bool HasMore { get; init; }
}
