using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Feed.Tests;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>
/// Exactly once into the PostgreSQL outbox for every source family at once (TTP, audit, SIEM stream types), against
/// the simulator on loopback and a real server: racing feeds, an uncommitted poll (a crash before commit), a restart
/// from the stored SIEM cursor.
/// </summary>
public sealed class FeedKindOutboxTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private readonly string _schema = $"k_{Guid.NewGuid():N}"[..20];

    private PostgreSqlCheckpointStore Store() => new(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });

    private static MimecastIncidentFeedOptions AllSources() => new()
    {
        Kinds = TtpEventKinds.Url,
        IncludeAuditEvents = true,
        SiemEventTypes = [SiemEventType.Receipt, SiemEventType.Delivery],
        InitialLookback = TimeSpan.FromHours(1),
        PageSize = 4,
        MaxEventsPerPoll = 5,
    };

    private static MimecastSimulatorOptions Empty(TimeProvider time)
    {
        var options = SimulatorHarness.Options(time);
        options.Siem.InitialEventsPerType = 0;
        options.Siem.InitialAuditEvents = 0;
        return options;
    }

    private static void Seed(SimulatorHarness h, DateTimeOffset at)
    {
        h.Simulator.Records<SimulatorUrlLog>().Add(6, at.AddMinutes(-3));
        h.Simulator.Records<SimulatorAuditEvent>().Add(4, at.AddMinutes(-2));
        h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 7);
        h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Delivery, 2);
    }

    private async Task<Dictionary<string, long>> OutboxByKindAsync()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in new[] { "url", "audit", "siem:receipt", "siem:delivery" })
        {
            result[kind] = await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox WHERE kind = '{kind}'");
        }

        return result;
    }

    /// <summary>Polls and commits until a batch is empty (at most 20 rounds); returns how many events were committed.</summary>
    internal static async Task<int> DrainAsync(MimecastIncidentFeed feed)
    {
        var total = 0;
        for (var round = 0; round < 20; round++)
        {
            var batch = await feed.PollAsync();
            await batch.CommitAsync();
            if (batch.Events.Count == 0)
            {
                return total;
            }

            total += batch.Events.Count;
        }

        throw new InvalidOperationException("The feed did not run dry within 20 polls.");
    }

    [PostgresFact]
    public async Task EverySource_RacingFeeds_AnUncommittedPoll_AndARestart_PutEachEventInTheOutboxOnce()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(Empty(time));
        Seed(h, Now);

        // Two processes race from the same (empty) checkpoint: exactly one commit wins.
        await using var storeA = Store();
        await using var storeB = Store();
        var feedA = new MimecastIncidentFeed(h.Client, storeA, AllSources(), time);
        var feedB = new MimecastIncidentFeed(h.Client, storeB, AllSources(), time);
        var batchA = await feedA.PollAsync();
        var batchB = await feedB.PollAsync();
        Assert.Equal(batchA.Events.Select(e => e.Id), batchB.Events.Select(e => e.Id));
        var results = await Task.WhenAll(Outcome(batchA.CommitAsync()), Outcome(batchB.CommitAsync()));
        Assert.Single(results, r => r is null);
        Assert.IsType<MimecastCheckpointConflictException>(Assert.Single(results, r => r is not null));
        var winner = results[0] is null ? feedA : feedB;
        await DrainAsync(winner);
        Assert.Equal(new Dictionary<string, long> { ["url"] = 6, ["audit"] = 4, ["siem:receipt"] = 7, ["siem:delivery"] = 2 }, await OutboxByKindAsync());

        // A poll that is never committed (the process dies before commit), then a new process over a new store.
        time.Advance(TimeSpan.FromMinutes(1));
        Seed(h, time.GetUtcNow());
        Assert.NotEmpty((await winner.PollAsync()).Events);
        await using var storeC = Store();
        var restarted = new MimecastIncidentFeed(h.Client, storeC, AllSources(), time);
        Assert.Equal(19, await DrainAsync(restarted));
        Assert.Equal(new Dictionary<string, long> { ["url"] = 12, ["audit"] = 8, ["siem:receipt"] = 14, ["siem:delivery"] = 4 }, await OutboxByKindAsync());
        Assert.Equal(38, await db.ScalarAsync($"SELECT count(DISTINCT event_id) FROM \"{_schema}\".outbox"));

        // The SIEM kinds resumed from the cursors stored in PostgreSQL.
        var state = (await storeC.LoadAsync(string.Empty)).State!;
        Assert.NotNull(state.Get(MimecastFeedKind.Siem(SiemEventType.Receipt))!.Cursor);
        Assert.NotNull(state.Get(MimecastFeedKind.Siem(SiemEventType.Delivery))!.Cursor);
        Assert.Null(state.Get(MimecastFeedKind.Audit)!.Cursor);
        Assert.Equal(0, await DrainAsync(new MimecastIncidentFeed(h.Client, Store(), AllSources(), time)));
    }

    [PostgresFact]
    public async Task StoredSiemAndAuditEvents_ComeBackFromTheOutbox_Typed()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(Empty(time));
        var siem = h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 1).Single();
        var audit = h.Simulator.Records<SimulatorAuditEvent>().Add(1, Now.AddMinutes(-1)).Single();
        await using var store = Store();
        var options = AllSources();
        Assert.Equal(2, await DrainAsync(new MimecastIncidentFeed(h.Client, store, options, time)));

        var payloads = new List<MimecastFeedEvent>();
        await using (var connection = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"SELECT payload::text FROM \"{_schema}\".outbox ORDER BY seq", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                payloads.Add(MimecastFeedJson.DeserializeEvent(reader.GetString(0)));
            }
        }

        Assert.Equal(audit.Id, Assert.Single(payloads, e => e.Kind == MimecastFeedKind.Audit).AuditEvent!.Id);
        var stored = Assert.Single(payloads, e => e.Kind == MimecastFeedKind.Siem(SiemEventType.Receipt)).SiemEvent!;
        Assert.Equal(siem.ProcessingId, stored.ProcessingId);
        Assert.Equal(siem.AggregateId, stored.AggregateId);
        Assert.Equal(siem.Timestamp, stored.Timestamp);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
