namespace Mimecast.Sdk.Diagnostics;

/// <summary>
/// The names an application filters the SDK's telemetry on: the <see cref="System.Diagnostics.ActivitySource"/> and
/// <see cref="System.Diagnostics.Metrics.Meter"/> names (for <c>AddSource</c> / <c>AddMeter</c>), the instrument
/// names and the activity tags that carry measurements. Every duration is in seconds (unit <c>s</c>, a
/// <see cref="double"/>), as the OpenTelemetry semantic conventions ask. See docs/telemetry.md for the tags.
/// </summary>
public static class MimecastTelemetryNames
{
    /// <summary>The name of the SDK's activity source: <c>Mimecast.Sdk</c>.</summary>
    public const string ActivitySourceName = "Mimecast.Sdk";

    /// <summary>The name of the SDK's meter: <c>Mimecast.Sdk</c>.</summary>
    public const string MeterName = ActivitySourceName;

    /// <summary>Counter of operations completed, by operation and outcome: <c>mimecast.client.requests</c>.</summary>
    public const string Requests = "mimecast.client.requests";

    /// <summary>Histogram, in seconds, of whole operations (retries and waits included): <c>mimecast.client.request.duration</c>.</summary>
    public const string RequestDuration = "mimecast.client.request.duration";

    /// <summary>Counter of times a request waited for the Mimecast quota: <c>mimecast.client.rate_limit.waits</c>.</summary>
    public const string RateLimitWaits = "mimecast.client.rate_limit.waits";

    /// <summary>Histogram, in seconds, of the waits for the Mimecast quota: <c>mimecast.client.rate_limit.wait.duration</c>.</summary>
    public const string RateLimitWaitDuration = "mimecast.client.rate_limit.wait.duration";

    /// <summary>Counter of transient-fault retries (a 429 is a wait, not a retry): <c>mimecast.client.retries</c>.</summary>
    public const string Retries = "mimecast.client.retries";

    /// <summary>Counter of API 2.0 access tokens obtained: <c>mimecast.client.token.renewals</c>.</summary>
    public const string TokenRenewals = "mimecast.client.token.renewals";

    /// <summary>Histogram, in seconds, of waits for a documented endpoint quota (client-side pacing): <c>mimecast.client.pacing.wait.duration</c>.</summary>
    public const string PacingWaitDuration = "mimecast.client.pacing.wait.duration";

    /// <summary>
    /// Counter of the items of write actions (block a URL, permit a sender, release a message ...), tagged
    /// <c>mimecast.operation</c> and <c>mimecast.outcome</c> (<c>succeeded</c>, <c>failed</c>, <c>unknown</c>; after an
    /// unknown outcome the SDK's own check adds <c>succeeded_checked</c> or <c>not_applied_checked</c>): <c>mimecast.actions</c>.
    /// </summary>
    public const string Actions = "mimecast.actions";

    /// <summary>Counter of SIEM batch files skipped because their links stayed expired: <c>mimecast.siem.batch.files_skipped</c>.</summary>
    public const string SiemBatchFilesSkipped = "mimecast.siem.batch.files_skipped";

    /// <summary>Counter of malformed SIEM batch lines skipped: <c>mimecast.siem.batch.lines_skipped</c>.</summary>
    public const string SiemBatchLinesSkipped = "mimecast.siem.batch.lines_skipped";

    /// <summary>Activity tag: the time, in seconds, one operation waited for the quota: <c>mimecast.rate_limit.wait.duration</c>.</summary>
    public const string RateLimitWaitDurationTag = "mimecast.rate_limit.wait.duration";
}
