using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class Telemetry
{
    public static void OpenTelemetry(HostApplicationBuilder builder)
    {
        #region snippet: telemetry-opentelemetry
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(MimecastTelemetryNames.ActivitySourceName))  // "Mimecast.Sdk"
            .WithMetrics(metrics => metrics.AddMeter(MimecastTelemetryNames.MeterName));
        // Then add an exporter, for example UseOtlpExporter() from OpenTelemetry.Exporter.OpenTelemetryProtocol.
        #endregion
    }

    public static ActivityListener Listen()
    {
        #region snippet: telemetry-listener
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MimecastTelemetryNames.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Console.WriteLine(
                $"{activity.DisplayName}: HTTP {activity.GetTagItem("http.response.status_code")}, " +
                $"{activity.GetTagItem("mimecast.attempts")} attempt(s), {activity.GetTagItem(MimecastTelemetryNames.RateLimitWaitDurationTag)} s quota wait, " +
                $"error {activity.GetTagItem("error.type") ?? "none"}"),
        };
        ActivitySource.AddActivityListener(listener);
        #endregion
        return listener;
    }
}
