namespace Mimecast.Sdk.Testing;

/// <summary>
/// One audit event, served by <c>POST /api/audit/get-audit-events</c> directly in <c>data[]</c>: <c>id</c>,
/// <c>auditType</c>, <c>user</c>, <c>eventTime</c> (<c>yyyy-MM-ddTHH:mm:ss+0000</c>), <c>eventInfo</c>, <c>category</c>.
/// </summary>
public sealed record SimulatorAuditEvent : ISimulatorLog
{
    /// <summary>The simulator's internal, unique, increasing sequence number (not on the wire). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>Wire field <c>id</c>: unique per event. Generated when added with an empty id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Wire field <c>auditType</c>, e.g. <c>User Logged On</c>.</summary>
    public string AuditType { get; init; } = string.Empty;

    /// <summary>Wire field <c>user</c> (an email address).</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>Wire field <c>eventTime</c> (whole seconds, UTC).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Wire field <c>eventInfo</c>: free text.</summary>
    public string EventInfo { get; init; } = string.Empty;

    /// <summary>Wire field <c>category</c>, e.g. <c>authentication_logs</c>.</summary>
    public string Category { get; init; } = string.Empty;

    DateTimeOffset ISimulatorLog.Timestamp => EventTime;
}
