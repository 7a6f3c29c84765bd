using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Mimecast.Sdk.Diagnostics;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="Name"/>. Tags carry
/// operation names, statuses and error codes only: never a key, token, password or customer credential.
/// </summary>
public sealed class MimecastTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter: <c>Mimecast.Sdk</c>.</summary>
    public const string Name = "Mimecast.Sdk";

    private static readonly string? Version = typeof(MimecastTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private readonly Meter? _ownedMeter;

    /// <summary>Creates the telemetry objects, with the meter from <paramref name="meterFactory"/> when one is given.</summary>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/> to own a meter.</param>
    public MimecastTelemetry(IMeterFactory? meterFactory = null)
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

        Requests = meter.CreateCounter<long>("mimecast.client.requests", "{request}", "Mimecast operations completed, by operation and outcome.");
        Duration = meter.CreateHistogram<double>("mimecast.client.request.duration", "s", "Duration of Mimecast operations, including retries and rate-limit waits.");
        RateLimitWaits = meter.CreateCounter<long>("mimecast.client.rate_limit.waits", "{wait}", "Times a request waited for the Mimecast quota.");
        RateLimitWaitTime = meter.CreateHistogram<double>("mimecast.client.rate_limit.wait.duration", "ms", "Time spent waiting for the Mimecast quota.");
        Retries = meter.CreateCounter<long>("mimecast.client.retries", "{retry}", "Transient-fault retries.");
        TokenRenewals = meter.CreateCounter<long>("mimecast.client.token.renewals", "{token}", "API 2.0 access tokens obtained.");
        SiemFilesSkipped = meter.CreateCounter<long>("mimecast.siem.batch.files_skipped", "{file}", "SIEM batch files skipped because their links stayed expired after re-listing.");
        SiemLinesSkipped = meter.CreateCounter<long>("mimecast.siem.batch.lines_skipped", "{line}", "Malformed SIEM batch lines skipped (SiemMalformedLineHandling.SkipAndReport).");
        PacingWaitTime = meter.CreateHistogram<double>("mimecast.client.pacing.wait.duration", "ms", "Time spent waiting for a documented endpoint quota (client-side pacing).");
    }

    /// <summary>Gets the activity source: one activity per operation.</summary>
    public ActivitySource ActivitySource { get; }

    internal Counter<long> Requests { get; }

    internal Histogram<double> Duration { get; }

    internal Counter<long> RateLimitWaits { get; }

    internal Histogram<double> RateLimitWaitTime { get; }

    internal Counter<long> Retries { get; }

    internal Counter<long> TokenRenewals { get; }

    internal Counter<long> SiemFilesSkipped { get; }

    internal Counter<long> SiemLinesSkipped { get; }

    internal Histogram<double> PacingWaitTime { get; }

    /// <summary>Disposes the activity source and any meter this instance owns.</summary>
    public void Dispose()
    {
        ActivitySource.Dispose();
        _ownedMeter?.Dispose();
    }
}
