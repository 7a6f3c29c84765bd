namespace Mimecast.Sdk.Models;

/// <summary>
/// The page sizes and lookbacks of Mimecast's log sources, as the client enforces them and the feed asks for them: one
/// place for both. Values marked <i>unconfirmed</i> are what peers use where Mimecast documents no limit.
/// </summary>
public static class MimecastLimits
{
    /// <summary>The largest page of the SIEM stream (events) and of the SIEM batch listing (files): documented 1–100.</summary>
    public const int SiemMaxPageSize = 100;

    /// <summary>The audit listing's page size when a query sets none, and the most the feed asks for. <i>Unconfirmed</i>: the maximum is unknown; peers use 100 and 500.</summary>
    public const int AuditPageSize = 100;

    /// <summary>Gets how far back the SIEM stream accepts a start: 24 hours (an older start is refused).</summary>
    public static TimeSpan SiemStreamLookback { get; } = TimeSpan.FromHours(24);

    /// <summary>Gets how long SIEM batch files are kept: 7 days.</summary>
    public static TimeSpan SiemBatchRetention { get; } = TimeSpan.FromDays(7);

    /// <summary>Gets how far back the audit listing accepts a start: 60 days (documented).</summary>
    public static TimeSpan AuditMaxLookback { get; } = TimeSpan.FromDays(60);
}
