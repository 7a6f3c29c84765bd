using System.Globalization;
using System.Text.Json;
using Mimecast.Sdk.Feed;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>
/// A stand-in for the PostgreSQL checkpoint store with an outbox and version fencing (issue 12, helper h12) until that
/// package lands: one instance per poll; <see cref="LoadAsync"/> remembers the version read, <see cref="SaveAsync"/>
/// writes the pending events into the outbox and moves the checkpoint in one transaction, only if the version is
/// still the one read; otherwise it rolls back and throws <see cref="FencedCommitException"/>.
/// </summary>
internal sealed class FencedCheckpointStore(NpgsqlDataSource dataSource, string instance) : ICheckpointStore
{
    private long _version;

    public IReadOnlyList<MimecastFeedEvent> Pending { get; set; } = [];

    public async ValueTask<MimecastFeedState?> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT version, state::text FROM {TestDatabase.Schema}.checkpoints WHERE customer = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            _version = 0;
            return null;
        }

        _version = reader.GetInt64(0);
        return Parse(reader.GetString(1));
    }

    public async ValueTask SaveAsync(string customerName, MimecastFeedState state, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var move = connection.CreateCommand())
        {
            move.Transaction = transaction;
            move.CommandText = _version == 0
                ? $"INSERT INTO {TestDatabase.Schema}.checkpoints (customer, version, state, committed_by) VALUES ($1, 1, $2::jsonb, $3) ON CONFLICT DO NOTHING"
                : $"UPDATE {TestDatabase.Schema}.checkpoints SET version = version + 1, state = $2::jsonb, committed_by = $3, committed_at = clock_timestamp() WHERE customer = $1 AND version = $4";
            move.Parameters.Add(new NpgsqlParameter { Value = customerName });
            move.Parameters.Add(new NpgsqlParameter { Value = Format(state) });
            move.Parameters.Add(new NpgsqlParameter { Value = instance });
            if (_version != 0)
            {
                move.Parameters.Add(new NpgsqlParameter { Value = _version });
            }

            if (await move.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                throw new FencedCommitException(customerName);
            }
        }

        if (Pending.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {TestDatabase.Schema}.outbox (customer, event_id, kind, instance) SELECT $1, e.id, e.kind, $4 FROM unnest($2::text[], $3::text[]) AS e(id, kind)";
            insert.Parameters.Add(new NpgsqlParameter { Value = customerName });
            insert.Parameters.Add(new NpgsqlParameter { Value = Pending.Select(e => e.Id).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = Pending.Select(e => e.Kind.ToString()).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = instance });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    internal static string Format(MimecastFeedState state)
    {
        var root = new Dictionary<string, object>();
        foreach (var (kind, checkpoint) in state.Checkpoints)
        {
            root[kind.ToString()] = new Dictionary<string, object>
            {
                ["time"] = checkpoint.Time.ToString("O", CultureInfo.InvariantCulture),
                ["seen"] = checkpoint.SeenIds.Order(StringComparer.Ordinal).ToArray(),
            };
        }

        return JsonSerializer.Serialize(root);
    }

    internal static MimecastFeedState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var checkpoints = new List<KeyValuePair<TtpEventKind, MimecastFeedCheckpoint>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var kind = Enum.Parse<TtpEventKind>(property.Name);
            var time = DateTimeOffset.Parse(property.Value.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
            var seen = property.Value.GetProperty("seen").EnumerateArray().Select(e => e.GetString()!).ToList();
            checkpoints.Add(new(kind, new MimecastFeedCheckpoint(time, seen)));
        }

        return new MimecastFeedState(checkpoints);
    }
}

/// <summary>The commit was refused: another execution moved the customer's checkpoint after this one read it.</summary>
internal sealed class FencedCommitException(string customer) : Exception($"The commit of customer '{customer}' was fenced.");
