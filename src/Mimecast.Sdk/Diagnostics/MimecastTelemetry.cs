using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Mimecast.Sdk.Diagnostics;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="MimecastTelemetryNames.ActivitySourceName"/>.
/// Tags carry operation names, statuses and error codes only: never a key, token, password or customer credential.
/// Every duration is recorded in seconds (OpenTelemetry semantic conventions: unit <c>s</c>, a <see cref="double"/>).
/// Internal: users need only the names (<see cref="MimecastTelemetryNames"/>).
/// </summary>
internal sealed class MimecastTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter: <c>Mimecast.Sdk</c>.</summary>
    internal const string Name = MimecastTelemetryNames.ActivitySourceName;

    private static readonly string? Version = typeof(MimecastTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    // OpenTelemetry semantic conventions: durations are seconds, recorded as doubles.
    private const string Seconds = "s";

    private readonly Meter? _ownedMeter;

    /// <summary>Creates the telemetry objects, with the meter from <paramref name="meterFactory"/> when one is given.</summary>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/> to own a meter.</param>
    internal MimecastTelemetry(IMeterFactory? meterFactory = null)
    {
        ActivitySource = new ActivitySource(Name, Version);
        Meter meter;
        if (meterFactory is null)
        {
            meter = _ownedMeter = new Meter(Name, Version);
        }
        else
        {
            meter = meterFactory.Create(new MeterOptions(Name) { Version = Version });
        }

        Requests = meter.CreateCounter<long>(MimecastTelemetryNames.Requests, "{request}", "Mimecast operations completed, by operation and outcome.");
        Duration = meter.CreateHistogram<double>(MimecastTelemetryNames.RequestDuration, Seconds, "Duration of Mimecast operations, including retries and rate-limit waits.");
        RateLimitWaits = meter.CreateCounter<long>(MimecastTelemetryNames.RateLimitWaits, "{wait}", "Times a request waited for the Mimecast quota.");
        RateLimitWaitTime = meter.CreateHistogram<double>(MimecastTelemetryNames.RateLimitWaitDuration, Seconds, "Time spent waiting for the Mimecast quota.");
        Retries = meter.CreateCounter<long>(MimecastTelemetryNames.Retries, "{retry}", "Transient-fault retries.");
        TokenRenewals = meter.CreateCounter<long>(MimecastTelemetryNames.TokenRenewals, "{token}", "API 2.0 access tokens obtained.");
        SiemFilesSkipped = meter.CreateCounter<long>(MimecastTelemetryNames.SiemBatchFilesSkipped, "{file}", "SIEM batch files skipped because their links stayed expired after re-listing.");
        SiemLinesSkipped = meter.CreateCounter<long>(MimecastTelemetryNames.SiemBatchLinesSkipped, "{line}", "Malformed SIEM batch lines skipped (SiemMalformedLineHandling.SkipAndReport).");
        Actions = meter.CreateCounter<long>(MimecastTelemetryNames.Actions, "{item}", "Items of Mimecast write actions, by operation and outcome (succeeded, failed, unknown; a family's check after an unknown outcome adds <outcome>_checked).");
        PacingWaitTime = meter.CreateHistogram<double>(MimecastTelemetryNames.PacingWaitDuration, Seconds, "Time spent waiting for a documented endpoint quota (client-side pacing).");
    }

    /// <summary>Gets the activity source: one activity per operation.</summary>
    internal ActivitySource ActivitySource { get; }

    internal Counter<long> Requests { get; }

    internal Histogram<double> Duration { get; }

    internal Counter<long> RateLimitWaits { get; }

    internal Histogram<double> RateLimitWaitTime { get; }

    internal Counter<long> Retries { get; }

    internal Counter<long> TokenRenewals { get; }

    internal Counter<long> SiemFilesSkipped { get; }

    internal Counter<long> SiemLinesSkipped { get; }

    internal Histogram<double> PacingWaitTime { get; }

    internal Counter<long> Actions { get; }

    /// <summary>Disposes the activity source and any meter this instance owns.</summary>
    public void Dispose()
    {
        ActivitySource.Dispose();
        _ownedMeter?.Dispose();
    }
}
