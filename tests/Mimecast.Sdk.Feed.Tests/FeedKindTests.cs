using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>
/// The SIEM stream and audit kinds against the simulator on loopback: each event once across polls and restarts, the
/// SIEM cursor saved and resumed, a refused cursor falling back to time + overlap (counted and logged), and late audit
/// events inside the overlap window.
/// </summary>
public sealed class FeedKindTests
{
    private const string StreamPath = "/siem/v1/events/cg";
    private static readonly MimecastFeedKind Receipt = MimecastFeedKind.Siem(SiemEventType.Receipt);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly string _customer = $"kinds-{Guid.NewGuid():N}";

    private static MimecastSimulatorOptions Empty(TimeProvider time)
    {
        var options = SimulatorHarness.Options(time);
        options.Siem.InitialEventsPerType = 0;
        options.Siem.InitialAuditEvents = 0;
        return options;
    }

    private MimecastIncidentFeedOptions SiemOptions(int max = 1000, int pageSize = 3) => new()
    {
        Kinds = TtpEventKinds.None,
        SiemEventTypes = [SiemEventType.Receipt],
        MaxEventsPerPoll = max,
        PageSize = pageSize,
        InitialLookback = TimeSpan.FromHours(2),
        CustomerName = _customer,
    };

    private MimecastIncidentFeedOptions AuditOptions() => new()
    {
        Kinds = TtpEventKinds.None,
        IncludeAuditEvents = true,
        PageSize = 3,
        InitialLookback = TimeSpan.FromHours(2),
        CustomerName = _customer,
    };

    /// <summary>Polls and commits until a batch is empty (at most 20 rounds).</summary>
    internal static async Task<List<MimecastFeedEvent>> DrainAsync(MimecastIncidentFeed feed)
    {
        var all = new List<MimecastFeedEvent>();
        for (var round = 0; round < 20; round++)
        {
            var batch = await feed.PollAsync();
            await batch.CommitAsync();
            if (batch.Events.Count == 0)
            {
                return all;
            }

            all.AddRange(batch.Events);
        }

        throw new InvalidOperationException("The feed did not run dry within 20 polls.");
    }

    [Fact]
    public async Task SiemKind_DeliversEachEventOnce_ThenAfterARestart_ResumesFromTheSavedCursor()
    {
        await using var h = await SimulatorHarness.StartAsync(Empty(_time));
        var dir = Path.Combine(Path.GetTempPath(), $"mimecast-kinds-{Guid.NewGuid():N}");
        try
        {
            var seeded = h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 7);
            h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Delivery, 3); // not selected
            var feed = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(dir), SiemOptions(max: 5, pageSize: 3), _time);
            var first = await DrainAsync(feed);

            Assert.Equal(seeded.Select(e => e.ProcessingId).Order(), first.Select(e => e.SiemEvent!.ProcessingId).Order());
            Assert.All(first, e => Assert.Equal(Receipt, e.Kind));
            Assert.All(first, e => Assert.StartsWith("siem:receipt:", e.Id, StringComparison.Ordinal));
            Assert.Equal(7, first.Select(e => e.Id).Distinct().Count());
            var cursor = (await new FileCheckpointStore(dir).LoadAsync(_customer)).State!.Get(Receipt)!.Cursor;
            Assert.NotNull(cursor);

            // A new process over the same checkpoint file: it resumes from the saved cursor, not from a time.
            _time.Advance(TimeSpan.FromMinutes(1));
            var added = h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 4);
            h.Simulator.Journal.Clear();
            var restarted = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(dir), SiemOptions(max: 5, pageSize: 3), _time);
            var second = await DrainAsync(restarted);

            Assert.Equal(added.Select(e => e.ProcessingId).Order(), second.Select(e => e.SiemEvent!.ProcessingId).Order());
            Assert.Equal(cursor, h.Simulator.Journal.Entries.First(e => e.Path == StreamPath).PageToken);
            Assert.DoesNotContain(h.Simulator.Journal.Entries, e => e.Path == StreamPath && e.StatusCode != 200);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task SiemKind_WhenMimecastRefusesTheSavedCursor_RestartsFromItsTimeMinusTheOverlap_DeliversOnlyNewEvents_CountedAndLogged()
    {
        await using var h = await SimulatorHarness.StartAsync(Empty(_time));
        var store = new InMemoryCheckpointStoreForTests();
        h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 6);
        Assert.Equal(6, (await DrainAsync(new MimecastIncidentFeed(h.Client, store, SiemOptions(), _time))).Count);

        // The saved cursor becomes one Mimecast refuses (stale or invalid: HTTP 400).
        var snapshot = await store.LoadAsync(_customer);
        var checkpoint = snapshot.State!.Get(Receipt)!;
        var refused = Convert.ToBase64String("not-a-cursor-of-this-query"u8);
        await store.CommitAsync(_customer, snapshot.Version, snapshot.State.With(Receipt, new MimecastFeedCheckpoint(checkpoint.Time, checkpoint.Delivered, refused)), []);
        _time.Advance(TimeSpan.FromMinutes(2));
        var added = h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 3);

        var logger = new LateEventTests.ListLogger();
        using var fallbacks = new LateEventTests.MeterCapture("mimecast.feed.cursor_fallbacks", _customer);
        var feed = new MimecastIncidentFeed(h.Client, store, SiemOptions(), _time, logger);
        var delivered = await DrainAsync(feed);

        Assert.Equal(added.Select(e => e.ProcessingId).Order(), delivered.Select(e => e.SiemEvent!.ProcessingId).Order());
        Assert.Equal(1, fallbacks.Total);
        Assert.Equal("siem:receipt", fallbacks.Kind);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("refused the saved SIEM cursor", warning.Message, StringComparison.Ordinal);
        Assert.Contains(_customer, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(refused, warning.Message, StringComparison.Ordinal);

        // The fallback saved a fresh cursor: the next events come through it, without another fallback.
        _time.Advance(TimeSpan.FromMinutes(1));
        var next = h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 1).Single();
        Assert.Equal(next.ProcessingId, Assert.Single(await DrainAsync(feed)).SiemEvent!.ProcessingId);
        Assert.Equal(1, fallbacks.Total);
    }

    [Fact]
    public async Task SiemKind_ALateEvent_ReceivedAfterTheCursor_IsDeliveredOnce()
    {
        await using var h = await SimulatorHarness.StartAsync(Empty(_time));
        h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 4);
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), SiemOptions(), _time);
        Assert.Equal(4, (await DrainAsync(feed)).Count);

        // Happened 3 hours ago (beyond any overlap window), received now: the stream puts it after the cursor.
        _time.Advance(TimeSpan.FromMinutes(1));
        var late = h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 1, Now.AddHours(-3)).Single();
        var delivered = Assert.Single(await DrainAsync(feed));
        Assert.Equal(late.ProcessingId, delivered.SiemEvent!.ProcessingId);
        Assert.Equal(Now.AddHours(-3), delivered.Time);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task AuditKind_AnEventPublishedLate_InsideTheOverlapWindow_IsDeliveredOnce(int minutesLate)
    {
        await using var h = await SimulatorHarness.StartAsync(Empty(_time));
        for (var m = 40; m >= 5; m -= 5)
        {
            h.Simulator.Records<SimulatorAuditEvent>().Add(1, Now.AddMinutes(-m));
        }

        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), AuditOptions(), _time);
        var first = await DrainAsync(feed);
        Assert.Equal(h.Simulator.Records<SimulatorAuditEvent>().All().Select(e => "audit:" + e.Id).Order(), first.Select(e => e.Id).Order());
        Assert.All(first, e => Assert.Equal(MimecastFeedKind.Audit, e.Kind));
        Assert.Equal(first.OrderBy(e => e.Time).Select(e => e.Id), first.Select(e => e.Id)); // oldest first

        var late = h.Simulator.Records<SimulatorAuditEvent>().Add(1, Now.AddMinutes(-5 - minutesLate)).Single();
        var delivered = Assert.Single(await DrainAsync(feed));
        Assert.Equal("audit:" + late.Id, delivered.Id);
        Assert.Equal(late.Id, delivered.AuditEvent!.Id);
        Assert.Empty(await DrainAsync(feed));
    }

    [Fact]
    public async Task AuditKind_AnEventLaterThanTheWindow_IsNotDelivered_ButCountedAndLogged()
    {
        await using var h = await SimulatorHarness.StartAsync(Empty(_time));
        for (var m = 40; m >= 5; m -= 5)
        {
            h.Simulator.Records<SimulatorAuditEvent>().Add(1, Now.AddMinutes(-m));
        }

        var logger = new LateEventTests.ListLogger();
        using var meter = new LateEventTests.MeterCapture("mimecast.feed.events_beyond_window", _customer);
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), AuditOptions(), _time, logger);
        Assert.Equal(8, (await DrainAsync(feed)).Count);

        h.Simulator.Records<SimulatorAuditEvent>().Add(1, Now.AddMinutes(-25)); // 20 minutes behind the newest delivered: beyond 15
        Assert.Empty(await DrainAsync(feed));
        Assert.Equal(1, meter.Total);
        Assert.Equal("audit", meter.Kind);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("later than the overlap window", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllSourcesTogether_EachKindKeepsItsOwnCheckpoint_AndEveryEventComesOnce()
    {
        await using var h = await SimulatorHarness.StartAsync(Empty(_time));
        h.Simulator.Records<SimulatorUrlLog>().Add(4, Now.AddMinutes(-3));
        h.Simulator.Records<SimulatorAuditEvent>().Add(3, Now.AddMinutes(-2));
        h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.Receipt, 5);
        h.Simulator.AddSiemEvents(SimulatorSiemEventTypes.UrlProtect, 2);
        var options = new MimecastIncidentFeedOptions
        {
            Kinds = TtpEventKinds.Url,
            IncludeAuditEvents = true,
            SiemEventTypes = [SiemEventType.Receipt, SiemEventType.UrlProtect],
            PageSize = 2,
            InitialLookback = TimeSpan.FromHours(1),
            CustomerName = _customer,
        };
        var store = new InMemoryCheckpointStoreForTests();
        var events = await DrainAsync(new MimecastIncidentFeed(h.Client, store, options, _time));

        Assert.Equal(14, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(
            ["audit:3", "siem:receipt:5", "siem:url protect:2", "url:4"],
            events.GroupBy(e => e.Kind.Name).Select(g => $"{g.Key}:{g.Count()}").Order(StringComparer.Ordinal));
        var state = (await store.LoadAsync(_customer)).State!;
        Assert.Null(state.Get(MimecastFeedKind.TtpUrl)!.Cursor);
        Assert.Null(state.Get(MimecastFeedKind.Audit)!.Cursor);
        Assert.NotNull(state.Get(Receipt)!.Cursor);
        Assert.NotNull(state.Get(MimecastFeedKind.Siem(SiemEventType.UrlProtect))!.Cursor);
        Assert.Empty(await DrainAsync(new MimecastIncidentFeed(h.Client, store, options, _time)));
    }
}
