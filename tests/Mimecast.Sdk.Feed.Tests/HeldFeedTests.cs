using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedKindTests;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>
/// The <c>held</c> kind against the simulator's held queue: each held message once by id across polls and restarts, a
/// message that joins the queue late (an old <c>dateReceived</c>) still delivered once, and released messages forgotten.
/// </summary>
public sealed class HeldFeedTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly string _customer = $"held-{Guid.NewGuid():N}";

    private MimecastIncidentFeedOptions Options(int max = 1000) => new()
    {
        Kinds = TtpEventKinds.None,
        IncludeHeldMessages = true,
        MaxEventsPerPoll = max,
        PageSize = 4,
        InitialLookback = TimeSpan.FromDays(3),
        CustomerName = _customer,
    };

    private static List<string> Ids(IEnumerable<SimulatorHeldMessage> held) => [.. held.Select(m => "held:" + m.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Each_held_message_is_delivered_once_across_polls_limits_and_a_restart()
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        var store = new InMemoryCheckpointStoreForTests();
        var queue = h.Simulator.Records<SimulatorHeldMessage>();

        var first = await DrainAsync(new MimecastIncidentFeed(h.Client, store, Options(max: 5), _time));
        Assert.Equal(Ids(queue.All()), [.. first.Select(e => e.Id).Order(StringComparer.Ordinal)]);
        Assert.All(first, e => Assert.Equal(MimecastFeedKind.Held, e.Kind));
        Assert.Equal(first.Select(e => e.Time).Order(), first.Select(e => e.Time)); // oldest first

        _time.Advance(TimeSpan.FromMinutes(5));
        var added = queue.Add(2, _time.GetUtcNow());
        var restarted = await DrainAsync(new MimecastIncidentFeed(h.Client, store, Options(), _time));
        Assert.Equal(Ids(added), [.. restarted.Select(e => e.Id).Order(StringComparer.Ordinal)]);
        Assert.Empty(await DrainAsync(new MimecastIncidentFeed(h.Client, store, Options(), _time)));
    }

    [Fact]
    public async Task A_message_held_late_with_an_old_date_received_is_delivered_once()
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), Options(), _time);
        Assert.Equal(12, (await DrainAsync(feed)).Count);

        // Held today but received 40 hours ago: older than most of what was delivered, far beyond any overlap window.
        _time.Advance(TimeSpan.FromMinutes(10));
        var late = h.Simulator.Records<SimulatorHeldMessage>().Add(1, Now.AddHours(-40)).Single();

        var delivered = Assert.Single(await DrainAsync(feed));
        Assert.Equal("held:" + late.Id, delivered.Id);
        Assert.Equal(late.Subject, delivered.HeldMessage!.Subject);
        Assert.Equal(Now.AddHours(-40), delivered.Time);
        Assert.Empty(await DrainAsync(feed));
    }

    [Fact]
    public async Task Released_messages_leave_the_checkpoint_and_are_not_delivered_again()
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        var store = new InMemoryCheckpointStoreForTests();
        var feed = new MimecastIncidentFeed(h.Client, store, Options(), _time);
        var events = await DrainAsync(feed);

        var released = await h.Client.Held.ReleaseAsync([.. events.Take(4).Select(e => e.HeldMessage!.Id!)]);
        released.EnsureSuccess();
        Assert.Empty(await DrainAsync(feed));

        var checkpoint = (await store.LoadAsync(_customer)).State!.Get(MimecastFeedKind.Held)!;
        Assert.Equal(Ids(h.Simulator.Records<SimulatorHeldMessage>().All()), [.. checkpoint.Delivered.Keys.Order(StringComparer.Ordinal)]);
        Assert.Equal(Now.AddDays(-3), checkpoint.Time); // the floor stays where the feed started
    }

    [Fact]
    public void A_held_event_round_trips_through_the_outbox_json()
    {
        var message = new HeldMessage { Id = "eNoA", Subject = "Invoice", DateReceived = Now, From = new HeldMessageAddress { EmailAddress = "bad@example.net" } };
        var json = MimecastFeedJson.SerializeEvent(MimecastFeedEvent.ForHeld("c1", "held:eNoA", Now, message));

        var back = MimecastFeedJson.DeserializeEvent(json);

        Assert.Equal((MimecastFeedKind.Held, "held:eNoA", "Invoice", "bad@example.net"), (back.Kind, back.Id, back.HeldMessage!.Subject, back.HeldMessage.From!.EmailAddress));
        Assert.True(MimecastFeedKind.TryParse("held", out var kind) && kind == MimecastFeedKind.Held);
    }
}
