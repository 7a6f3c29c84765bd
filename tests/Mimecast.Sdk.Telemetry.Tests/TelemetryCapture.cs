using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Mimecast.Sdk.Diagnostics;

namespace Mimecast.Sdk.Telemetry.Tests;

/// <summary>One measurement of a Mimecast.Sdk instrument.</summary>
public sealed record Measurement(string Instrument, string MeterName, double Value, IReadOnlyDictionary<string, object?> Tags, string? Unit = null)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}

/// <summary>Listens to the Mimecast.Sdk activity source and meter the way an OpenTelemetry exporter would.</summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentDictionary<string, string> _sourceNames = new();

    public TelemetryCapture()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source =>
            {
                _sourceNames[source.Name] = source.Name;
                return source.Name == MimecastTelemetryNames.ActivitySourceName;
            },
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MimecastTelemetryNames.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    public IReadOnlyList<Activity> Activities => [.. _activities];

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Every tag value of every captured activity and measurement, as text.</summary>
    public IEnumerable<(string Where, string Value)> AllTagValues()
    {
        foreach (var activity in _activities)
        {
            yield return ($"activity {activity.OperationName} display name", activity.DisplayName);
            if (activity.StatusDescription is { } status)
            {
                yield return ($"activity {activity.OperationName} status", status);
            }

            foreach (var tag in activity.TagObjects)
            {
                yield return ($"activity {activity.OperationName} tag {tag.Key}", Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty);
            }

            foreach (var e in activity.Events)
            {
                foreach (var tag in e.Tags)
                {
                    yield return ($"activity {activity.OperationName} event {e.Name} tag {tag.Key}", Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        foreach (var m in _measurements)
        {
            foreach (var tag in m.Tags)
            {
                yield return ($"instrument {m.Instrument} tag {tag.Key}", Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }
    }

    public void Dispose()
    {
        _meterListener.Dispose();
        _activityListener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new Measurement(instrument.Name, instrument.Meter.Name, value, copy, instrument.Unit));
    }
}
