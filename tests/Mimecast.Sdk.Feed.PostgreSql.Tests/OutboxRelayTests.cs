using Mimecast.Sdk.Models;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>The relay against a real server: order per customer, at least once with the key, concurrent relays.</summary>
public sealed class OutboxRelayTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private readonly string _schema = $"r_{Guid.NewGuid():N}"[..20];

    private PostgreSqlCheckpointStore Store() => new(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });

    private static List<MimecastFeedEvent> Events(string customer, int count) =>
        [.. Enumerable.Range(0, count).Select(i => MimecastFeedEvent.ForUrl(customer, $"{customer}-{i:D3}", Now.AddSeconds(i), Url(Now.AddSeconds(i), user: $"u{i}@example.com")))];

    private static async Task CommitAsync(PostgreSqlCheckpointStore store, string customer, IReadOnlyList<MimecastFeedEvent> events)
    {
        var current = await store.LoadAsync(customer);
        var state = MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(Now.AddSeconds(current.Version.IsNone ? 0 : 1000)));
        await store.CommitAsync(customer, current.Version, state, events);
    }

    [PostgresFact]
    public async Task Relay_DeliversEveryEvent_InOrderPerCustomer_WithTheRecordIntact_AndMarksThemDelivered()
    {
        await using var store = Store();
        await CommitAsync(store, "acme", Events("acme", 30));
        await CommitAsync(store, "globex", Events("globex", 5));
        await CommitAsync(store, "acme", Events("acme", 40)[30..]);
        var sink = new RecordingSink();
        var relay = new MimecastOutboxRelay(store, sink, new MimecastOutboxRelayOptions { BatchSize = 8 });

        var total = 0;
        for (var round = 0; round < 20; round++)
        {
            var n = await relay.RelayOnceAsync();
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        Assert.Equal(45, total);
        Assert.Equal(Events("acme", 40).Select(e => e.Id), sink.Of("acme").Select(e => e.Id));
        Assert.Equal(Events("globex", 5).Select(e => e.Id), sink.Of("globex").Select(e => e.Id));
        Assert.Equal("u7@example.com", sink.Of("acme")[7].UrlLog!.UserEmailAddress);
        Assert.Equal(0, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox WHERE delivered_at IS NULL"));
    }

    [PostgresFact]
    public async Task SinkFailure_AfterAccepting_RedeliversThatEventWithTheSameKey_AndNothingAfterItFirst()
    {
        await using var store = Store();
        await CommitAsync(store, "acme", Events("acme", 6));
        var sink = new RecordingSink { FailAfterAcceptingOnce = "acme-002" };
        var relay = new MimecastOutboxRelay(store, sink);

        Assert.Equal(2, await relay.RelayOnceAsync());   // 000, 001 delivered; 002 accepted by the sink, then it threw
        Assert.Equal(4, await relay.RelayOnceAsync());   // 002 again (same key), then 003..005
        Assert.Equal(0, await relay.RelayOnceAsync());

        Assert.Equal(["acme-000", "acme-001", "acme-002", "acme-002", "acme-003", "acme-004", "acme-005"], sink.Of("acme").Select(e => e.Id));
    }

    [PostgresFact]
    public async Task TwoRelaysAtOnce_NeverInterleaveOneCustomer_AndTogetherDeliverEverything()
    {
        await using var store = Store();
        for (var c = 0; c < 4; c++)
        {
            await CommitAsync(store, $"c{c}", Events($"c{c}", 25));
        }

        // Each delivery waits (bounded) until a delivery of the other relay is under way, so the two relays are inside
        // the sink at the same time: a relay that took a customer the other one holds would be counted as an overlap.
        var sink = new RecordingSink { Rendezvous = true };
        await using var otherStore = Store();
        var relays = new[] { new MimecastOutboxRelay(store, sink, new() { BatchSize = 5 }), new MimecastOutboxRelay(otherStore, sink, new() { BatchSize = 5 }) };
        for (var round = 0; round < 50 && await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".outbox WHERE delivered_at IS NULL") > 0; round++)
        {
            await Task.WhenAll(relays.Select(r => r.RelayOnceAsync()));
        }

        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(Events($"c{c}", 25).Select(e => e.Id), sink.Of($"c{c}").Select(e => e.Id));
        }

        Assert.Equal(0, sink.Overlaps);
        Assert.True(sink.Meetings > 0, "the two relays never delivered at the same time, so the overlap check proved nothing");
    }

    private sealed class RecordingSink : IMimecastIncidentSink
    {
        private readonly Lock _lock = new();
        private readonly List<MimecastFeedEvent> _received = [];
        private readonly HashSet<string> _busy = [];
        private string? _failOnce;

        public string? FailAfterAcceptingOnce { get => _failOnce; init => _failOnce = value; }

        /// <summary>Whether a delivery waits for one of another relay to start (at most a few seconds) before it ends.</summary>
        public bool Rendezvous { get; init; }

        private TaskCompletionSource? _waiting;

        public int Overlaps { get; private set; }

        /// <summary>How many times two deliveries were under way together.</summary>
        public int Meetings { get; private set; }

        public List<MimecastFeedEvent> Of(string customer)
        {
            lock (_lock)
            {
                return [.. _received.Where(e => e.CustomerName == customer)];
            }
        }

        public async ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (!_busy.Add(incident.CustomerName))
                {
                    Overlaps++;
                }

                _received.Add(incident);
            }

            try
            {
                if (Rendezvous)
                {
                    await MeetAnotherDeliveryAsync(cancellationToken);
                }

                lock (_lock)
                {
                    if (incident.Id == _failOnce)
                    {
                        _failOnce = null;
                        throw new IOException("The SIEM accepted the event but the acknowledgement was lost.");
                    }
                }
            }
            finally
            {
                lock (_lock)
                {
                    _busy.Remove(incident.CustomerName);
                }
            }
        }

        private async Task MeetAnotherDeliveryAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource? mine = null;
            lock (_lock)
            {
                if (_waiting is { } first)
                {
                    // A delivery is already waiting: both are under way now; release it.
                    _waiting = null;
                    Meetings++;
                    first.TrySetResult();
                }
                else
                {
                    mine = _waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            if (mine is null)
            {
                return;
            }

            try
            {
                // Bounded: the other relay may have nothing left to deliver.
                await mine.Task.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (TimeoutException)
            {
                lock (_lock)
                {
                    if (_waiting == mine)
                    {
                        _waiting = null;
                    }
                }
            }
        }
    }
}
