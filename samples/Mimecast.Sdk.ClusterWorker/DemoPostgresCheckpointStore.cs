using System.Globalization;
using Mimecast.Sdk.Feed;
using Npgsql;

namespace Mimecast.Sdk.ClusterWorker;

/// <summary>
/// A minimal version-fenced checkpoint store with an outbox, for this sample only, until Mimecast.Sdk.Feed.PostgreSql
/// ships: the outbox rows and the checkpoint move in one transaction, only if the version is still the one the poll
/// read; otherwise the transaction rolls back and <see cref="MimecastCheckpointConflictException"/> is thrown.
/// </summary>
internal sealed class DemoPostgresCheckpointStore(NpgsqlDataSource dataSource, string worker) : IMimecastCheckpointStore
{
    public static async Task CreateTablesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS cluster_demo;
            CREATE TABLE IF NOT EXISTS cluster_demo.checkpoints (customer text PRIMARY KEY, version bigint NOT NULL, state jsonb NOT NULL);
            CREATE TABLE IF NOT EXISTS cluster_demo.outbox (customer text NOT NULL, event_id text NOT NULL, event jsonb NOT NULL,
                worker text NOT NULL, PRIMARY KEY (customer, event_id));
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT version, state::text FROM cluster_demo.checkpoints WHERE customer = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MimecastCheckpointSnapshot(MimecastFeedJson.DeserializeState(reader.GetString(1)), new MimecastCheckpointVersion(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture)))
            : MimecastCheckpointSnapshot.Fresh;
    }

    public async ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var move = new NpgsqlCommand(expectedVersion.IsNone
            ? "INSERT INTO cluster_demo.checkpoints (customer, version, state) VALUES ($1, 1, $2::jsonb) ON CONFLICT DO NOTHING RETURNING version"
            : "UPDATE cluster_demo.checkpoints SET version = version + 1, state = $2::jsonb WHERE customer = $1 AND version = $3 RETURNING version", connection, transaction);
        move.Parameters.Add(new NpgsqlParameter { Value = customerName });
        move.Parameters.Add(new NpgsqlParameter { Value = MimecastFeedJson.SerializeState(newState) });
        if (!expectedVersion.IsNone)
        {
            move.Parameters.Add(new NpgsqlParameter { Value = long.Parse(expectedVersion.Token, CultureInfo.InvariantCulture) });
        }

        if (await move.ExecuteScalarAsync(cancellationToken) is not long version)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MimecastCheckpointConflictException(customerName, expectedVersion, null);
        }

        if (events.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO cluster_demo.outbox (customer, event_id, event, worker) SELECT $1, e.id, e.json::jsonb, $4 FROM unnest($2::text[], $3::text[]) AS e(id, json)",
                connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = customerName });
            insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Id).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(MimecastFeedJson.SerializeEvent).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = worker });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} worker {worker}: {customerName} +{events.Count} event(s), checkpoint v{version}");
        return new MimecastCheckpointVersion(version.ToString(CultureInfo.InvariantCulture));
    }
}
