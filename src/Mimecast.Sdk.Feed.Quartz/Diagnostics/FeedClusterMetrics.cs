using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The cluster's metrics, on the meter <c>Mimecast.Sdk.Feed.Quartz</c>: polls (by outcome), events committed,
/// fenced commits, poll lag behind schedule and poll duration. No customer tag (thousands of customers would make
/// thousands of series); the logs and the trace carry the customer: every poll job is one span
/// <c>mimecast.feed.cluster.poll</c> on the activity source of the same name as the meter, tagged with the customer,
/// the events committed, the lag and the outcome.
/// </summary>
internal sealed class FeedClusterMetrics : IDisposable
{
    public const string MeterName = "Mimecast.Sdk.Feed.Quartz";

    private readonly ActivitySource _activities = new(MeterName);
    private readonly Counter<long> _polls;
    private readonly Counter<long> _events;
    private readonly Counter<long> _fenced;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _duration;
    private long _fencedTotal;
    private long _pollsTotal;

    public FeedClusterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _polls = meter.CreateCounter<long>("mimecast.feed.cluster.polls", "{poll}", "Customer polls run by this worker, by outcome (committed, fenced, failed).");
        _events = meter.CreateCounter<long>("mimecast.feed.cluster.events", "{event}", "Events committed by this worker's polls.");
        _fenced = meter.CreateCounter<long>("mimecast.feed.cluster.fenced_commits", "{commit}", "Commits refused because another execution of the same customer moved its checkpoint first.");
        _lag = meter.CreateHistogram<double>("mimecast.feed.cluster.poll_lag", "s", "How late a customer's poll started behind its scheduled time.");
        _duration = meter.CreateHistogram<double>("mimecast.feed.cluster.poll_duration", "s", "How long one poll and commit of one customer took.");
    }

    /// <summary>Gets the fenced commits of this worker since it started.</summary>
    public long FencedCommits => Interlocked.Read(ref _fencedTotal);

    /// <summary>Gets the polls of this worker since it started.</summary>
    public long Polls => Interlocked.Read(ref _pollsTotal);

    public void RecordStart(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>Starts the span of one poll job of <paramref name="customer"/> (null when nobody listens).</summary>
    public Activity? StartPoll(string customer, TimeSpan lag, bool recovering)
    {
        var activity = _activities.StartActivity("mimecast.feed.cluster.poll", ActivityKind.Internal);
        activity?.SetTag("mimecast.customer", customer);
        activity?.SetTag("mimecast.feed.cluster.lag_ms", Math.Max(0, Math.Round(lag.TotalMilliseconds)));
        activity?.SetTag("mimecast.feed.cluster.recovering", recovering);
        return activity;
    }

    public void Dispose() => _activities.Dispose();

    public void RecordPoll(MimecastCustomerPollResult result, TimeSpan duration)
    {
        Interlocked.Increment(ref _pollsTotal);
        _duration.Record(duration.TotalSeconds);
        if (result.Fenced)
        {
            Interlocked.Increment(ref _fencedTotal);
            _fenced.Add(1);
            _polls.Add(1, new TagList { { "outcome", "fenced" } });
            return;
        }

        _polls.Add(1, new TagList { { "outcome", "committed" } });
        if (result.Events > 0)
        {
            _events.Add(result.Events);
        }
    }

    public void RecordFailure()
    {
        Interlocked.Increment(ref _pollsTotal);
        _polls.Add(1, new TagList { { "outcome", "failed" } });
    }
}
