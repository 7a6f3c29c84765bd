namespace Mimecast.Sdk.Testing;

/// <summary>The three Targeted Threat Protection log kinds the simulator serves.</summary>
public enum SimulatorLogKind
{
    /// <summary>URL Protect click logs (<c>/api/ttp/url/get-logs</c>, <c>clickLogs</c>).</summary>
    Url,

    /// <summary>Attachment Protect logs (<c>/api/ttp/attachment/get-logs</c>, <c>attachmentLogs</c>).</summary>
    Attachment,

    /// <summary>Impersonation Protect logs (<c>/api/ttp/impersonation/get-logs</c>, <c>impersonationLogs</c>).</summary>
    Impersonation,
}

internal interface ISimulatorLog
{
    DateTimeOffset Timestamp { get; }

    long Sequence { get; }
}

/// <summary>A URL Protect click record. Served with camelCase field names; <see cref="Date"/> as <c>yyyy-MM-ddTHH:mm:ss+0000</c>.</summary>
public sealed record SimulatorUrlLog : ISimulatorLog
{
    /// <summary>The simulator's internal, unique, increasing sequence number (not on the wire). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>When the click happened (whole seconds, UTC). Wire field <c>date</c>.</summary>
    public DateTimeOffset Date { get; init; }

    /// <summary>Wire field <c>userEmailAddress</c>.</summary>
    public string UserEmailAddress { get; init; } = string.Empty;

    /// <summary>Wire field <c>fromUserEmailAddress</c>.</summary>
    public string FromUserEmailAddress { get; init; } = string.Empty;

    /// <summary>
    /// Wire field <c>url</c>: the clicked link exactly as the user's mail carried it. A string on purpose, as the SDK's
    /// <c>TtpUrlLog.Url</c>: clicked links are often malformed or relative, and a <see cref="Uri"/> would reject or
    /// normalise them, so the simulator could no longer serve what Mimecast serves.
    /// </summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>Wire field <c>ttpDefinition</c>.</summary>
    public string TtpDefinition { get; init; } = string.Empty;

    /// <summary>Wire field <c>subject</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Wire field <c>action</c>.</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>Wire field <c>adminOverride</c>.</summary>
    public string AdminOverride { get; init; } = string.Empty;

    /// <summary>Wire field <c>userOverride</c>.</summary>
    public string UserOverride { get; init; } = string.Empty;

    /// <summary>Wire field <c>scanResult</c> (<c>clean</c> or <c>malicious</c>).</summary>
    public string ScanResult { get; init; } = string.Empty;

    /// <summary>Wire field <c>category</c>.</summary>
    public string Category { get; init; } = string.Empty;

    /// <summary>Wire field <c>sendingIp</c>.</summary>
    public string SendingIp { get; init; } = string.Empty;

    /// <summary>Wire field <c>userAwarenessAction</c>.</summary>
    public string UserAwarenessAction { get; init; } = string.Empty;

    /// <summary>Wire field <c>actions</c>.</summary>
    public string Actions { get; init; } = string.Empty;

    /// <summary>Wire field <c>route</c> (<c>inbound</c>, <c>outbound</c> or <c>internal</c>).</summary>
    public string Route { get; init; } = string.Empty;

    /// <summary>Wire field <c>creationMethod</c>.</summary>
    public string CreationMethod { get; init; } = string.Empty;

    /// <summary>Wire field <c>emailPartsDescription</c>.</summary>
    public IReadOnlyList<string> EmailPartsDescription { get; init; } = [];

    /// <summary>Wire field <c>messageId</c>.</summary>
    public string MessageId { get; init; } = string.Empty;

    DateTimeOffset ISimulatorLog.Timestamp => Date;
}

/// <summary>An Attachment Protect record. Served with camelCase field names; <see cref="Date"/> as <c>yyyy-MM-ddTHH:mm:ss+0000</c>.</summary>
public sealed record SimulatorAttachmentLog : ISimulatorLog
{
    /// <summary>The simulator's internal, unique, increasing sequence number (not on the wire). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>Wire field <c>date</c> (whole seconds, UTC).</summary>
    public DateTimeOffset Date { get; init; }

    /// <summary>Wire field <c>result</c> (<c>safe</c>, <c>malicious</c>, <c>timeout</c>, <c>error</c>, <c>unsafe</c>).</summary>
    public string Result { get; init; } = string.Empty;

    /// <summary>Wire field <c>senderAddress</c>.</summary>
    public string SenderAddress { get; init; } = string.Empty;

    /// <summary>Wire field <c>recipientAddress</c>.</summary>
    public string RecipientAddress { get; init; } = string.Empty;

    /// <summary>Wire field <c>fileName</c>.</summary>
    public string FileName { get; init; } = string.Empty;

    /// <summary>Wire field <c>fileType</c>.</summary>
    public string FileType { get; init; } = string.Empty;

    /// <summary>Wire field <c>actionTriggered</c>.</summary>
    public string ActionTriggered { get; init; } = string.Empty;

    /// <summary>Wire field <c>route</c>.</summary>
    public string Route { get; init; } = string.Empty;

    /// <summary>Wire field <c>details</c>.</summary>
    public string Details { get; init; } = string.Empty;

    /// <summary>Wire field <c>definition</c>.</summary>
    public string Definition { get; init; } = string.Empty;

    /// <summary>Wire field <c>messageId</c>.</summary>
    public string MessageId { get; init; } = string.Empty;

    /// <summary>Wire field <c>fileHash</c> (SHA-256, hex).</summary>
    public string FileHash { get; init; } = string.Empty;

    /// <summary>Wire field <c>subject</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    DateTimeOffset ISimulatorLog.Timestamp => Date;
}

/// <summary>An Impersonation Protect record. Served with camelCase field names; <see cref="EventTime"/> as <c>yyyy-MM-ddTHH:mm:ss+0000</c>.</summary>
public sealed record SimulatorImpersonationLog : ISimulatorLog
{
    /// <summary>The simulator's internal, unique, increasing sequence number (not on the wire). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>Wire field <c>id</c>: unique per record. Generated when added with an empty id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Wire field <c>eventTime</c> (whole seconds, UTC).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Wire field <c>senderAddress</c>.</summary>
    public string SenderAddress { get; init; } = string.Empty;

    /// <summary>Wire field <c>recipientAddress</c>.</summary>
    public string RecipientAddress { get; init; } = string.Empty;

    /// <summary>Wire field <c>subject</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Wire field <c>definition</c>.</summary>
    public string Definition { get; init; } = string.Empty;

    /// <summary>Wire field <c>hits</c>.</summary>
    public int Hits { get; init; }

    /// <summary>Wire field <c>identifiers</c>.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    /// <summary>Wire field <c>action</c>.</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>Wire field <c>taggedExternal</c>.</summary>
    public bool TaggedExternal { get; init; }

    /// <summary>Wire field <c>taggedMalicious</c>.</summary>
    public bool TaggedMalicious { get; init; }

    /// <summary>Wire field <c>senderIpAddress</c>.</summary>
    public string SenderIpAddress { get; init; } = string.Empty;

    /// <summary>Wire field <c>messageId</c>.</summary>
    public string MessageId { get; init; } = string.Empty;

    /// <summary>Wire field <c>impersonationResults</c>: each item is written as <c>{"impersonationDomainSource": …, "stringSimilarToDomain": …}</c>.</summary>
    public IReadOnlyList<SimulatorImpersonationResult> ImpersonationResults { get; init; } = [];

    DateTimeOffset ISimulatorLog.Timestamp => EventTime;
}

/// <summary>One item of <see cref="SimulatorImpersonationLog.ImpersonationResults"/>.</summary>
public sealed record SimulatorImpersonationResult
{
    /// <summary>Wire field <c>impersonationDomainSource</c>.</summary>
    public required string ImpersonationDomainSource { get; init; }

    /// <summary>Wire field <c>stringSimilarToDomain</c>.</summary>
    public required string StringSimilarToDomain { get; init; }
}
