using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>
/// The tables the cluster tests share with the workers: customers (the customer source) and the commit journal. The
/// checkpoints and the outbox are the real store's (<see cref="OutboxTable"/>, created by the store on first use).
/// </summary>
public static class TestDatabase
{
    public const string Schema = "feedtest";

    /// <summary>The outbox of Mimecast.Sdk.Feed.PostgreSql's store (default schema), unique on (customer, event id).</summary>
    public const string OutboxTable = "mimecast_feed.outbox";

    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.customers (name text PRIMARY KEY, interval_ms integer NOT NULL);
            CREATE TABLE IF NOT EXISTS {Schema}.commits (id bigserial PRIMARY KEY, customer text NOT NULL, instance text NOT NULL, events integer NOT NULL, event_ids text[] NOT NULL,
                fenced boolean NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            """);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
