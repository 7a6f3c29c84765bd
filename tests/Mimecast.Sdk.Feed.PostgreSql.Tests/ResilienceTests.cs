using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>
/// What keeps the feed running and honest when the database misbehaves: the relay's retry loop, the store's own
/// stalled-transaction limit, and a broken fence made visible (outbox duplicates counted and logged).
/// </summary>
public sealed class ResilienceTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private readonly string _schema = $"x_{Guid.NewGuid():N}"[..20];

    private static List<MimecastFeedEvent> Events(string customer, params int[] numbers) =>
        [.. numbers.Select(i => MimecastFeedEvent.ForUrl(customer, $"{customer}-{i:D3}", Now.AddSeconds(i), Url(Now.AddSeconds(i), user: $"u{i}@example.com")))];

    [PostgresFact]
    public async Task A_commit_offering_events_the_outbox_holds_skips_them_and_counts_and_logs_each_skip()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var skipped = new MetricCollector<long>(meters, PostgreSqlCheckpointStore.MeterName, "mimecast.feed.outbox_duplicates_skipped");
        var logger = new FakeLogger();
        await using var store = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema }, logger, meters);
        var state = MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(Now));

        var v1 = await store.CommitAsync("acme", MimecastCheckpointVersion.None, state, Events("acme", 1, 2, 3));
        Assert.Empty(skipped.GetMeasurementSnapshot());

        // A broken fence: the next commit carries two events already accepted.
        await store.CommitAsync("acme", v1, state, Events("acme", 2, 3, 4));

        Assert.Equal(2, skipped.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(4, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox WHERE customer = 'acme'"));
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("2 of 3 event(s) committed for customer 'acme'", warning.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task The_store_ends_a_transaction_left_idle_on_its_own_connections()
    {
        await using var byDefault = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });
        await using var custom = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema, StalledTransactionTimeout = TimeSpan.FromSeconds(3) });

        Assert.Equal("10s", await ShowAsync(byDefault.DataSource));
        Assert.Equal("3s", await ShowAsync(custom.DataSource));
    }

    [PostgresFact]
    public async Task The_relay_keeps_running_through_a_failure_waiting_will_not_cure_retrying_at_the_cap_until_cancelled()
    {
        // A database that does not exist: not transient. The relay logs it as an error and tries again at the cap.
        var missing = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Database = $"absent_{Guid.NewGuid():N}"[..20] }.ConnectionString;
        await using var store = new PostgreSqlCheckpointStore(missing, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });
        var time = new FakeTimeProvider();
        var logger = new FakeLogger();
        var options = new MimecastOutboxRelayOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(40) };
        var relay = new MimecastOutboxRelay(store, new NullSink(), options, time, logger);
        using var cts = new CancellationTokenSource();

        var run = relay.RunAsync(cts.Token);
        await WaitForErrorsAsync(logger, 1);
        time.Advance(TimeSpan.FromSeconds(19)); // below half the cap: no second round yet
        Assert.Equal(1, Errors(logger));
        time.Advance(TimeSpan.FromSeconds(21)); // the full cap has passed
        await WaitForErrorsAsync(logger, 2);

        Assert.False(run.IsCompleted);
        Assert.Contains("waiting will not cure", logger.Collector.GetSnapshot().First(r => r.Level == LogLevel.Error).Message, StringComparison.Ordinal);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void The_back_off_doubles_from_the_first_delay_to_the_cap_jittered_and_goes_to_the_cap_for_a_lasting_failure()
    {
        var options = new MimecastOutboxRelayOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30) };
        var transient = new NpgsqlException("connection refused", new System.Net.Sockets.SocketException(111));
        var lasting = new PostgresException("permission denied for schema x", "ERROR", "ERROR", PostgresErrorCodes.InsufficientPrivilege);

        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(OutboxRelayBackoff.Next(transient, 1, options, out var isTransient), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
            Assert.True(isTransient);
            Assert.InRange(OutboxRelayBackoff.Next(transient, 3, options, out _), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
            Assert.InRange(OutboxRelayBackoff.Next(transient, 40, options, out _), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
            Assert.InRange(OutboxRelayBackoff.Next(new MimecastCheckpointException("x", lasting), 1, options, out var isLasting), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
            Assert.False(isLasting);
        }
    }

    private static int Errors(FakeLogger logger) => logger.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Error);

    private static async Task WaitForErrorsAsync(FakeLogger logger, int count)
    {
        // A bounded rendezvous with the relay's loop (its round runs on the thread pool), not a timing assumption.
        for (var i = 0; i < 2000 && Errors(logger) < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, Errors(logger));
    }

    private static async Task<string> ShowAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SHOW idle_in_transaction_session_timeout");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed class NullSink : IMimecastIncidentSink
    {
        public ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
