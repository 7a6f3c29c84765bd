using System.Globalization;
using Mimecast.Sdk.Feed;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>
/// A stand-in for the PostgreSQL checkpoint store of Mimecast.Sdk.Feed.PostgreSql (issue 12, not merged yet): a
/// checkpoint row per customer with a version, and an outbox, written in one transaction only if the version is still
/// the one the poll read (otherwise rolled back, <see cref="MimecastCheckpointConflictException"/>). Test hooks: it
/// prints <c>FETCHED</c>, <c>COMMITTED</c> and <c>FENCED</c> lines, journals every commit attempt, and can hold a
/// non-empty batch between fetch and commit so a test can kill or freeze the worker mid-poll.
/// </summary>
public sealed class FencedCheckpointStore(NpgsqlDataSource dataSource, string instance, TimeSpan hold, TimeProvider time) : IMimecastCheckpointStore
{
    private static readonly Lock ConsoleLock = new();

    /// <summary>Gets or sets what runs between fetching and committing (tests: make two executions overlap exactly).</summary>
    public Func<Task>? BeforeCommit { get; set; }

    public async ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT version, state::text FROM {TestDatabase.Schema}.checkpoints WHERE customer = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return MimecastCheckpointSnapshot.Fresh;
        }

        var version = new MimecastCheckpointVersion(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
        return new MimecastCheckpointSnapshot(MimecastFeedJson.DeserializeState(reader.GetString(1)), version);
    }

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

        long next;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var move = connection.CreateCommand())
            {
                move.Transaction = transaction;
                move.CommandText = expectedVersion.IsNone
                    ? $"INSERT INTO {TestDatabase.Schema}.checkpoints (customer, version, state, committed_by) VALUES ($1, 1, $2::jsonb, $3) ON CONFLICT DO NOTHING RETURNING version"
                    : $"UPDATE {TestDatabase.Schema}.checkpoints SET version = version + 1, state = $2::jsonb, committed_by = $3, committed_at = clock_timestamp() WHERE customer = $1 AND version = $4 RETURNING version";
                move.Parameters.Add(new NpgsqlParameter { Value = customerName });
                move.Parameters.Add(new NpgsqlParameter { Value = MimecastFeedJson.SerializeState(newState) });
                move.Parameters.Add(new NpgsqlParameter { Value = instance });
                if (!expectedVersion.IsNone)
                {
                    move.Parameters.Add(new NpgsqlParameter { Value = long.Parse(expectedVersion.Token, CultureInfo.InvariantCulture) });
                }

                if (await move.ExecuteScalarAsync(cancellationToken) is not long moved)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    await JournalAsync(customerName, 0, fenced: true);
                    Emit($"FENCED {customerName} {events.Count}");
                    throw new MimecastCheckpointConflictException(customerName, expectedVersion, null);
                }

                next = moved;
            }

            if (events.Count > 0)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {TestDatabase.Schema}.outbox (customer, event_id, kind, instance) SELECT $1, e.id, e.kind, $4 FROM unnest($2::text[], $3::text[]) AS e(id, kind)";
                insert.Parameters.Add(new NpgsqlParameter { Value = customerName });
                insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Id).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Kind.ToString()).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = instance });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (events.Count > 0)
        {
            await JournalAsync(customerName, events.Count, fenced: false);
            Emit($"COMMITTED {customerName} {events.Count}");
        }

        return new MimecastCheckpointVersion(next.ToString(CultureInfo.InvariantCulture));
    }

    private async Task JournalAsync(string customer, int count, bool fenced)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO {TestDatabase.Schema}.commits (customer, instance, events, fenced) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = customer });
        command.Parameters.Add(new NpgsqlParameter { Value = instance });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
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
