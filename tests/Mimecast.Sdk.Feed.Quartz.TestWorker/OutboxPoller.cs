using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Feed;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>
/// Polls one customer with the real incident feed and commits through <see cref="FencedCheckpointStore"/>. Writes
/// <c>FETCHED</c>, <c>COMMITTED</c> and <c>FENCED</c> lines on stdout for the tests; holds <paramref name="hold"/>
/// between fetching a non-empty batch and committing it, so a test can kill or freeze the process mid-poll.
/// </summary>
internal sealed class OutboxPoller(NpgsqlDataSource dataSource, IMimecastClientFactory clients, string instance, TimeSpan hold, TimeProvider time, ILoggerFactory loggers)
    : IMimecastCustomerPoller
{
    private static readonly Lock ConsoleLock = new();

    public async Task<MimecastCustomerPollResult> PollAsync(MimecastFeedCustomer customer, CancellationToken cancellationToken)
    {
        var store = new FencedCheckpointStore(dataSource, instance);
        var feed = new MimecastIncidentFeed(clients, store,
            new MimecastIncidentFeedOptions { CustomerName = customer.Name, InitialLookback = TimeSpan.FromHours(72), MaxEventsPerPoll = 2000, PageSize = 200 },
            time, loggers.CreateLogger("Feed"));
        var batch = await feed.PollAsync(cancellationToken);
        if (batch.Events.Count > 0)
        {
            Emit($"FETCHED {customer.Name} {batch.Events.Count}");
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, time, cancellationToken);
            }
        }

        store.Pending = batch.Events;
        try
        {
            await batch.CommitAsync(cancellationToken);
        }
        catch (FencedCommitException)
        {
            await JournalAsync(customer.Name, 0, fenced: true);
            Emit($"FENCED {customer.Name} {batch.Events.Count}");
            return new MimecastCustomerPollResult(0, Fenced: true, HasMore: false);
        }

        if (batch.Events.Count > 0)
        {
            await JournalAsync(customer.Name, batch.Events.Count, fenced: false);
            Emit($"COMMITTED {customer.Name} {batch.Events.Count}");
        }

        return new MimecastCustomerPollResult(batch.Events.Count, Fenced: false, batch.HasMore);
    }

    private async Task JournalAsync(string customer, int events, bool fenced)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO {TestDatabase.Schema}.commits (customer, instance, events, fenced) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = customer });
        command.Parameters.Add(new NpgsqlParameter { Value = instance });
        command.Parameters.Add(new NpgsqlParameter { Value = events });
        command.Parameters.Add(new NpgsqlParameter { Value = fenced });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static void Emit(string line)
    {
        lock (ConsoleLock)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
