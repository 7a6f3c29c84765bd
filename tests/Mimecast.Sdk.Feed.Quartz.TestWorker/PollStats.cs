using System.Diagnostics.Metrics;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>
/// For the cluster benchmark: listens to the cluster's own <c>mimecast.feed.cluster.poll_lag</c> histogram and prints
/// cumulative <c>STATS</c> lines (polls started, started within 5 s of due, max lag, polls ended and their total
/// duration from <c>mimecast.feed.cluster.poll_duration</c>) every second.
/// </summary>
internal sealed class PollStats : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Timer _timer;
    private long _started;
    private long _onTime;
    private long _maxLagMs;
    private long _ended;
    private long _durationMs;

    public PollStats()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Mimecast.Sdk.Feed.Quartz" && instrument.Name is "mimecast.feed.cluster.poll_lag" or "mimecast.feed.cluster.poll_duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, lagSeconds, _, _) =>
        {
            if (instrument.Name == "mimecast.feed.cluster.poll_duration")
            {
                Interlocked.Increment(ref _ended);
                Interlocked.Add(ref _durationMs, (long)(lagSeconds * 1000));
                return;
            }

            Interlocked.Increment(ref _started);
            if (lagSeconds <= 5)
            {
                Interlocked.Increment(ref _onTime);
            }

            var ms = (long)(lagSeconds * 1000);
            long seen;
            while (ms > (seen = Interlocked.Read(ref _maxLagMs)) && Interlocked.CompareExchange(ref _maxLagMs, ms, seen) != seen)
            {
            }
        });
        _listener.Start();
        _timer = new Timer(_ => Console.Out.WriteLine($"STATS started={Interlocked.Read(ref _started)} ontime={Interlocked.Read(ref _onTime)} maxlagms={Interlocked.Read(ref _maxLagMs)} ended={Interlocked.Read(ref _ended)} durationms={Interlocked.Read(ref _durationMs)}"),
            null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Dispose()
    {
        _timer.Dispose();
        _listener.Dispose();
    }
}
