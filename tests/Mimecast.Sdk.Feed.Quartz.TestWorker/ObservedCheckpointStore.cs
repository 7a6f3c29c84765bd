using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>
/// Test hooks around the real <see cref="PostgreSqlCheckpointStore"/> (which does every load and commit, its outbox
/// and its version fencing): prints <c>FETCHED</c>, <c>COMMITTED</c> and <c>FENCED</c> lines, journals every commit
/// attempt with the event ids it carried (so an event accepted by two commits shows even though the real outbox's
/// unique key would absorb the second row), and can hold a non-empty batch between fetch and commit so a test can
/// kill or freeze the worker mid-poll.
/// </summary>
public sealed class ObservedCheckpointStore(PostgreSqlCheckpointStore store, NpgsqlDataSource journal, string instance, TimeSpan hold, TimeProvider time) : IMimecastCheckpointStore
{
    private static readonly Lock ConsoleLock = new();

    /// <summary>Gets or sets what runs between fetching and committing (tests: make two executions overlap exactly).</summary>
    public Func<Task>? BeforeCommit { get; set; }

    public ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default) =>
        store.LoadAsync(customerName, cancellationToken);

    public async ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count > 0)
        {
            Emit($"FETCHED {customerName} {events.Count}");
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, time, cancellationToken);
            }
        }

        if (BeforeCommit is { } beforeCommit)
        {
            await beforeCommit();
        }

        MimecastCheckpointVersion next;
        try
        {
            next = await store.CommitAsync(customerName, expectedVersion, newState, events, cancellationToken);
        }
        catch (MimecastCheckpointConflictException)
        {
            await JournalAsync(customerName, events, fenced: true);
            Emit($"FENCED {customerName} {events.Count}");
            throw;
        }

        if (events.Count > 0)
        {
            await JournalAsync(customerName, events, fenced: false);
            Emit($"COMMITTED {customerName} {events.Count}");
        }

        return next;
    }

    private async Task JournalAsync(string customer, IReadOnlyList<MimecastFeedEvent> events, bool fenced)
    {
        await using var command = journal.CreateCommand($"INSERT INTO {TestDatabase.Schema}.commits (customer, instance, events, event_ids, fenced) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter { Value = customer });
        command.Parameters.Add(new NpgsqlParameter { Value = instance });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Count });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Id).ToArray() });
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
