using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Feed.Tests;
using Mimecast.Sdk.Testing;
using Npgsql;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>The PostgreSQL store against a real server: fencing, the outbox, the caller's transaction.</summary>
public sealed class PostgreSqlStoreTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private readonly string _schema = $"s_{Guid.NewGuid():N}"[..20];

    private PostgreSqlCheckpointStore Store() => new(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });

    private static MimecastIncidentFeedOptions UrlOnly(string customer = "") => new()
    {
        Kinds = TtpEventKinds.Url,
        CustomerName = customer,
        InitialLookback = TimeSpan.FromHours(1),
        PageSize = 7,
    };

    [PostgresFact]
    public async Task Load_OfANewCustomer_IsAFreshStart_ThenCommitRoundTrips()
    {
        await using var store = Store();
        var fresh = await store.LoadAsync("acme");
        Assert.Null(fresh.State);
        Assert.True(fresh.Version.IsNone);

        var t = new DateTimeOffset(2026, 11, 24, 10, 3, 7, TimeSpan.Zero);
        var state = MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(t, [KeyValuePair.Create("a#1", t.AddSeconds(3))]));
        var v1 = await store.CommitAsync("acme", fresh.Version, state, []);

        var loaded = await store.LoadAsync("acme");
        Assert.Equal(v1, loaded.Version);
        Assert.Equal(t, loaded.State!.Get(TtpEventKind.Url)!.Time);
        Assert.Equal(t.AddSeconds(3), loaded.State.Get(TtpEventKind.Url)!.Delivered["a#1"]);
        Assert.True((await store.LoadAsync("globex")).Version.IsNone);
    }

    [PostgresFact]
    public async Task TwoFeedsRace_OneCommits_TheOtherGetsTheTypedConflict_AndTheOutboxHasNoDuplicate()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time));
        h.Simulator.Records<SimulatorUrlLog>().Add(12, Now.AddMinutes(-5));

        // Two processes: two stores, two feeds, one customer; both poll from the same checkpoint version.
        await using var storeA = Store();
        await using var storeB = Store();
        var feedA = new MimecastIncidentFeed(h.Client, storeA, UrlOnly(), time);
        var feedB = new MimecastIncidentFeed(h.Client, storeB, UrlOnly(), time);
        var batchA = await feedA.PollAsync();
        var batchB = await feedB.PollAsync();
        Assert.Equal(12, batchA.Events.Count);
        Assert.Equal(12, batchB.Events.Count);

        // Both commit at the same time: exactly one wins.
        var results = await Task.WhenAll(Outcome(batchA.CommitAsync()), Outcome(batchB.CommitAsync()));
        Assert.Single(results, r => r is null);
        Assert.IsType<MimecastCheckpointConflictException>(Assert.Single(results, r => r is not null));
        Assert.Equal(12, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
        Assert.Equal(12, await db.ScalarAsync($"SELECT count(DISTINCT event_id) FROM \"{_schema}\".outbox"));

        // The loser reloads on its next poll and finds nothing new: still no duplicate.
        var loser = results[0] is null ? feedB : feedA;
        var again = await loser.PollAsync();
        Assert.Empty(again.Events);
        await again.CommitAsync();
        Assert.Equal(12, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
    }

    [PostgresFact]
    public async Task AResumedFeed_WithAStaleVersion_IsFencedOff_AndWritesNothing()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time));
        h.Simulator.Records<SimulatorUrlLog>().Add(3, Now.AddMinutes(-5));
        await using var store = Store();
        var paused = new MimecastIncidentFeed(h.Client, store, UrlOnly(), time);
        var stale = await paused.PollAsync();

        // Meanwhile another worker takes over, commits, and more events arrive and are committed.
        var other = new MimecastIncidentFeed(h.Client, Store(), UrlOnly(), time);
        await (await other.PollAsync()).CommitAsync();
        h.Simulator.Records<SimulatorUrlLog>().Add(2, Now.AddMinutes(-4));
        await (await other.PollAsync()).CommitAsync();
        var versionBefore = (await store.LoadAsync(string.Empty)).Version;

        var ex = await Assert.ThrowsAsync<MimecastCheckpointConflictException>(() => stale.CommitAsync());
        Assert.Equal(string.Empty, ex.CustomerName);
        Assert.Equal(versionBefore, (await store.LoadAsync(string.Empty)).Version);
        Assert.Equal(5, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
    }

    [PostgresFact]
    public async Task CallerTransaction_RolledBack_MovesNothing_AndTheEventsComeAgain_CommittedMovesBoth()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time));
        h.Simulator.Records<SimulatorUrlLog>().Add(4, Now.AddMinutes(-5));
        await using var store = Store();
        await store.EnsureSchemaAsync();
        var feed = new MimecastIncidentFeed(h.Client, store, UrlOnly(), time);
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, null, $"CREATE TABLE \"{_schema}\".incidents (id text PRIMARY KEY)");

        var batch = await feed.PollAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var e in batch.Events)
            {
                await Execute(connection, tx, $"INSERT INTO \"{_schema}\".incidents VALUES ('{e.Id}')");
            }

            await store.CommitInTransactionAsync(batch, tx);
            await tx.RollbackAsync();
        }

        Assert.True((await store.LoadAsync(string.Empty)).Version.IsNone);
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".incidents"));

        var again = await feed.PollAsync();
        Assert.Equal(batch.Events.Select(e => e.Id), again.Events.Select(e => e.Id));
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var e in again.Events)
            {
                await Execute(connection, tx, $"INSERT INTO \"{_schema}\".incidents VALUES ('{e.Id}')");
            }

            await store.CommitInTransactionAsync(again, tx);
            await tx.CommitAsync();
        }

        Assert.False((await store.LoadAsync(string.Empty)).Version.IsNone);
        Assert.Equal(4, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".incidents"));
        Assert.Equal(4, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
        Assert.Empty((await feed.PollAsync()).Events);
    }

    [PostgresFact]
    public async Task CallerTransaction_WhenAnotherFeedCommittedFirst_ThrowsTheConflict_SoTheCallerRollsBack()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time));
        h.Simulator.Records<SimulatorUrlLog>().Add(2, Now.AddMinutes(-5));
        await using var store = Store();
        var mine = await new MimecastIncidentFeed(h.Client, store, UrlOnly(), time).PollAsync();
        await (await new MimecastIncidentFeed(h.Client, Store(), UrlOnly(), time).PollAsync()).CommitAsync();

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Assert.ThrowsAsync<MimecastCheckpointConflictException>(() => store.CommitInTransactionAsync(mine, tx));
        await tx.RollbackAsync();
        Assert.Equal(2, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (MimecastCheckpointException ex)
        {
            return ex;
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync();
    }
}
