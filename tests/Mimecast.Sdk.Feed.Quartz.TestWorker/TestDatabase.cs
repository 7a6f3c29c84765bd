using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>The tables the cluster tests share with the workers: customers (the customer source), checkpoints, outbox, commit journal.</summary>
public static class TestDatabase
{
    public const string Schema = "feedtest";

    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.customers (name text PRIMARY KEY, interval_ms integer NOT NULL);
            CREATE TABLE IF NOT EXISTS {Schema}.checkpoints (customer text PRIMARY KEY, version bigint NOT NULL, state jsonb NOT NULL,
                committed_by text NOT NULL, committed_at timestamptz NOT NULL DEFAULT clock_timestamp());
            -- Deliberately NOT unique on (customer, event_id): a duplicate delivery must be visible to the tests, not refused.
            CREATE TABLE IF NOT EXISTS {Schema}.outbox (id bigserial PRIMARY KEY, customer text NOT NULL, event_id text NOT NULL, kind text NOT NULL,
                instance text NOT NULL, committed_at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE TABLE IF NOT EXISTS {Schema}.commits (id bigserial PRIMARY KEY, customer text NOT NULL, instance text NOT NULL, events integer NOT NULL,
                fenced boolean NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            """);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
