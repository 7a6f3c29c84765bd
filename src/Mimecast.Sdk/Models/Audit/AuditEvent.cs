using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>One account audit event (<c>/api/audit/get-audit-events</c>): who did what in the Mimecast administration console or API.</summary>
public sealed class AuditEvent
{
    /// <summary>Gets the event id (documented unique: de-duplicate on it).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the kind of event, for example <c>Logon Authentication Failed</c>.</summary>
    public string? AuditType { get; init; }

    /// <summary>Gets the user who caused the event.</summary>
    public string? User { get; init; }

    /// <summary>Gets when the event happened.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Gets the free-text description (it may name local time zones).</summary>
    public string? EventInfo { get; init; }

    /// <summary>Gets the category code, for example <c>authentication_logs</c>.</summary>
    public string? Category { get; init; }

    /// <summary>Gets or sets every other field of the record, unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Returns the id, type and time.</summary>
    public override string ToString() => $"AuditEvent({Id}, {AuditType}, {EventTime:O})";
}

/// <summary>Parameters of <c>/api/audit/get-audit-events</c>.</summary>
public sealed class AuditEventQuery
{
    /// <summary>Gets or sets the start of the period (required; at most 60 days ago).</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>Gets or sets the end of the period (required; after <see cref="Start"/>).</summary>
    public DateTimeOffset End { get; set; }

    /// <summary>Gets or sets a text to search for.</summary>
    public string? Query { get; set; }

    /// <summary>Gets or sets the category codes to read (from <c>/api/audit/get-categories</c>); none means every category.</summary>
    public IList<string>? Categories { get; set; }

    /// <summary>Gets or sets the page size; the client's <see cref="MimecastClientOptions.DefaultPageSize"/> when unset (Mimecast's maximum is not documented). An <c>AsPages</c> page-size hint takes precedence.</summary>
    public int? PageSize { get; set; }
}

internal sealed class AuditEventRequestData
{
    public DateTimeOffset StartDateTime { get; set; }

    public DateTimeOffset EndDateTime { get; set; }

    public string? Query { get; set; }

    public IList<string>? Categories { get; set; }
}
