using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Feed.Tests;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Feed.PostgreSql.Tests.FeedKindOutboxTests;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>The <c>held</c> kind into the PostgreSQL outbox: each held message once, a late one included, the record typed on the way back.</summary>
public sealed class HeldOutboxTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private readonly string _schema = $"h_{Guid.NewGuid():N}"[..20];

    [PostgresFact]
    public async Task Held_messages_reach_the_outbox_once_including_a_late_one_and_come_back_typed()
    {
        var time = new FakeTimeProvider(Now);
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(time));
        var options = new MimecastIncidentFeedOptions { Kinds = TtpEventKinds.None, IncludeHeldMessages = true, InitialLookback = TimeSpan.FromDays(3), PageSize = 5, MaxEventsPerPoll = 4 };
        await using var store = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });

        Assert.Equal(12, await DrainAsync(new MimecastIncidentFeed(h.Client, store, options, time)));
        time.Advance(TimeSpan.FromMinutes(10));
        var late = h.Simulator.Records<SimulatorHeldMessage>().Add(1, Now.AddHours(-30)).Single();
        Assert.Equal(1, await DrainAsync(new MimecastIncidentFeed(h.Client, store, options, time)));

        Assert.Equal(13, await db.ScalarAsync($"SELECT count(DISTINCT event_id) FROM \"{_schema}\".outbox WHERE kind = 'held'"));
        Assert.Equal(13, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox"));
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT payload::text FROM \"{_schema}\".outbox WHERE event_id = 'held:{late.Id}'", connection);
        var stored = MimecastFeedJson.DeserializeEvent((string)(await command.ExecuteScalarAsync())!);
        Assert.Equal((late.Id, late.Subject), (stored.HeldMessage!.Id, stored.HeldMessage.Subject));
    }
}
