namespace Mimecast.Sdk.Testing;

/// <summary>The API 2.0 log sources of a <see cref="MimecastSimulator"/>: SIEM Cloud Gateway events (stream and batch) and audit events.</summary>
/// <remarks>
/// The choices where Mimecast's behaviour is unconfirmed are kept here: the quotas are counted per account and
/// endpoint, separately from the general bucket; the stream spells the type fields as <see cref="StreamTypeSpelling"/>;
/// a batch URL lives <see cref="BatchUrlLifetime"/>.
/// </remarks>
public sealed class SimulatorSiemOptions
{
    /// <summary>SIEM events of each type in <see cref="SimulatorSiemEventTypes.All"/> that each account starts with, spread over <see cref="MimecastSimulatorOptions.InitialLogSpan"/>. Default 20.</summary>
    public int InitialEventsPerType { get; set; } = 20;

    /// <summary>Audit events each account starts with, spread over <see cref="MimecastSimulatorOptions.InitialLogSpan"/>. Default 50.</summary>
    public int InitialAuditEvents { get; set; } = 50;

    /// <summary>The stream's quota (<c>GET /siem/v1/events/cg</c>). Default 300 calls per hour.</summary>
    public SimulatorRateLimitOptions StreamRateLimit { get; } = new() { Limit = 300, Window = TimeSpan.FromHours(1) };

    /// <summary>The batch listing's quota (<c>GET /siem/v1/batch/events/cg</c>; downloads are not counted). Default 50 calls per 15 minutes.</summary>
    public SimulatorRateLimitOptions BatchRateLimit { get; } = new() { Limit = 50, Window = TimeSpan.FromMinutes(15) };

    /// <summary>How far back the stream reaches: an older <c>dateRangeStartsAt</c>, or a cursor whose position is older, answers HTTP 400. Default 24 hours.</summary>
    public TimeSpan StreamWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far back the batch listing reaches: older files are no longer listed. Default 7 days.</summary>
    public TimeSpan BatchRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The span of simulator time one batch file covers; a file is listed once its window has ended. Default 15 minutes.</summary>
    public TimeSpan BatchFileInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a listed download URL stays valid (the listing's <c>expiry</c>). Default 1 hour.</summary>
    public TimeSpan BatchUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How the stream names an event's type fields. Default <see cref="SimulatorSiemTypeSpelling.TypeSubtype"/> (as in batch files).</summary>
    public SimulatorSiemTypeSpelling StreamTypeSpelling { get; set; } = SimulatorSiemTypeSpelling.TypeSubtype;
}

/// <summary>The names of an event's type fields (the stream's spelling is unconfirmed; batch files use <c>type</c>/<c>subtype</c>).</summary>
public enum SimulatorSiemTypeSpelling
{
    /// <summary><c>type</c> and <c>subtype</c>.</summary>
    TypeSubtype,

    /// <summary><c>eventType</c> and <c>subType</c> (as in one collector's stream fixture).</summary>
    EventTypeSubType,
}
