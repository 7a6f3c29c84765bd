using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>
/// Late events against the simulator on loopback: Mimecast publishes some records minutes after their timestamp,
/// behind records already delivered. The overlap window (15 minutes by default) re-reads them and delivers each once.
/// </summary>
public sealed class LateEventTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly string _customer = $"late-{Guid.NewGuid():N}";

    private MimecastIncidentFeedOptions Options(int pageSize = 3) => new()
    {
        Kinds = TtpEventKinds.Url,
        PageSize = pageSize,
        InitialLookback = TimeSpan.FromHours(2),
        CustomerName = _customer,
    };

    /// <summary>Records every 5 minutes from now−40 min to now−5 min: the newest delivered is now−5 min.</summary>
    private static void Seed(SimulatorHarness h)
    {
        for (var m = 40; m >= 5; m -= 5)
        {
            h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-m));
        }
    }

    private static async Task<List<MimecastFeedEvent>> PollCommitAsync(MimecastIncidentFeed feed)
    {
        var batch = await feed.PollAsync();
        await batch.CommitAsync();
        return [.. batch.Events];
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task ARecordPublishedMinutesLate_BehindTheNewestDelivered_IsDeliveredOnce(int minutesLate)
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        Seed(h);
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), Options(), _time);
        Assert.Equal(8, (await PollCommitAsync(feed)).Count);

        var late = h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-5 - minutesLate)).Single();
        var delivered = await PollCommitAsync(feed);
        Assert.Equal(late.Url, Assert.Single(delivered).UrlLog!.Url);
        Assert.Empty(await PollCommitAsync(feed));
        Assert.Empty(await PollCommitAsync(feed));
    }

    [Fact]
    public async Task ARecordLaterThanTheWindow_IsNotDelivered_ButCountedAndLoggedOnce_WithCustomerAndKind()
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        Seed(h);
        var logger = new ListLogger();
        using var meter = new MeterCapture("mimecast.feed.events_beyond_window", _customer);
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), Options(), _time, logger);
        Assert.Equal(8, (await PollCommitAsync(feed)).Count);

        // 20 minutes behind the newest delivered event: beyond the 15-minute window.
        h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-25));
        Assert.Empty(await PollCommitAsync(feed));
        Assert.Empty(await PollCommitAsync(feed));

        Assert.Equal(1, meter.Total);
        Assert.Equal("url", meter.Kind);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(_customer, warning.Message, StringComparison.Ordinal);
        Assert.Contains("url", warning.Message, StringComparison.Ordinal);
        Assert.Contains("later than the overlap window", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateRecords_SharingATimestampWithDeliveredOnes_AcrossPages_AreDeliveredOnce()
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        var t = Now.AddMinutes(-8);
        h.Simulator.Records<SimulatorUrlLog>().Add(7, t);                 // three pages of 3
        h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-2));
        var feed = new MimecastIncidentFeed(h.Client, new InMemoryCheckpointStoreForTests(), Options(pageSize: 3), _time);
        Assert.Equal(8, (await PollCommitAsync(feed)).Count);

        var late = h.Simulator.Records<SimulatorUrlLog>().Add(4, t);      // published late, same second as seven already delivered
        var delivered = await PollCommitAsync(feed);
        Assert.Equal(late.Select(l => l.Url).Order(), delivered.Select(e => e.UrlLog!.Url!).Order());
        Assert.Empty(await PollCommitAsync(feed));
        Assert.Equal(12, h.ExpectedKeys().Count);
    }

    [Fact]
    public async Task RecordsAppendedDuringAPoll_LateAndNew_AreEachDeliveredExactlyOnce()
    {
        await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
        Seed(h);
        var pages = 0;
        var client = new InterceptingClient(h.Client, call =>
        {
            // While the feed pages through its second poll, Mimecast publishes a late record and a new one.
            if (Interlocked.Increment(ref pages) == 6)
            {
                h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-9));
                h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-1));
            }
        });
        var feed = new MimecastIncidentFeed(client, new InMemoryCheckpointStoreForTests(), Options(pageSize: 2), _time);
        var all = new List<MimecastFeedEvent>();
        for (var poll = 0; poll < 6; poll++)
        {
            all.AddRange(await PollCommitAsync(feed));
        }

        Assert.True(pages > 6);
        Assert.Equal(10, all.Count);
        Assert.Equal(SimulatorHarness.Sorted(h.ExpectedKeys()), SimulatorHarness.Sorted(all.Select(SimulatorHarness.KeyOf)));
    }

    [Fact]
    public async Task ARestartInTheMiddle_WithAFileStore_DeliversTheUncommittedAndTheLateEventsOnce()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mimecast-late-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var h = await SimulatorHarness.StartAsync(SimulatorHarness.Options(_time));
            Seed(h);
            var all = new List<MimecastFeedEvent>();
            var first = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(dir), Options(), _time);
            all.AddRange(await PollCommitAsync(first));

            // A late record and a new one arrive; the process polls them and dies before committing.
            h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-12));
            h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-3));
            Assert.Equal(2, (await first.PollAsync()).Events.Count);

            // A fresh process over the same folder; one more late record arrives after it starts.
            var second = new MimecastIncidentFeed(h.Client, new FileCheckpointStore(dir), Options(), _time);
            all.AddRange(await PollCommitAsync(second));
            h.Simulator.Records<SimulatorUrlLog>().Add(1, Now.AddMinutes(-7));
            all.AddRange(await PollCommitAsync(second));
            all.AddRange(await PollCommitAsync(second));

            Assert.Equal(11, all.Count);
            Assert.Equal(SimulatorHarness.Sorted(h.ExpectedKeys()), SimulatorHarness.Sorted(all.Select(SimulatorHarness.KeyOf)));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    internal sealed class ListLogger : ILogger
    {
        private readonly Lock _lock = new();
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public List<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_lock)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lock)
            {
                _entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    /// <summary>Sums one feed counter for one customer (other tests' feeds use other customers).</summary>
    internal sealed class MeterCapture : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public MeterCapture(string instrument, string customer)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == "Mimecast.Sdk.Feed" && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? c = null, k = null;
                foreach (var tag in tags)
                {
                    c = tag.Key == "mimecast.customer" ? tag.Value as string : c;
                    k = tag.Key == "mimecast.feed.kind" ? tag.Value as string : k;
                }

                if (c == customer)
                {
                    Interlocked.Add(ref _total, value);
                    Kind = k;
                }
            });
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public string? Kind { get; private set; }

        public void Dispose() => _listener.Dispose();
    }
}
