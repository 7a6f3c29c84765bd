using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>Filters shared by the TTP log queries. Every property is optional.</summary>
public abstract class TtpLogQuery
{
    /// <summary>Gets or sets the start of the period (inclusive, one-second granularity).</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Gets or sets the end of the period.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Gets or sets a value indicating whether the oldest records come first (what feeds use).</summary>
    public bool? OldestFirst { get; set; }

    /// <summary>Gets or sets the page size; the client's <see cref="MimecastClientOptions.DefaultPageSize"/> when unset. An <c>AsPages</c> page-size hint takes precedence.</summary>
    [JsonIgnore]
    public int? PageSize { get; set; }
}

/// <summary>Parameters of <c>/api/ttp/url/get-logs</c>.</summary>
public sealed class TtpUrlLogQuery : TtpLogQuery
{
    /// <summary>Gets or sets the route filter; see <see cref="TtpRoutes"/>.</summary>
    public string? Route { get; set; }

    /// <summary>Gets or sets the scan result filter: <c>all</c>, <c>clean</c> or <c>malicious</c>.</summary>
    public string? ScanResult { get; set; }
}

/// <summary>Parameters of <c>/api/ttp/attachment/get-logs</c>.</summary>
public sealed class TtpAttachmentLogQuery : TtpLogQuery
{
    /// <summary>Gets or sets the route filter; see <see cref="TtpRoutes"/>.</summary>
    public string? Route { get; set; }

    /// <summary>Gets or sets the result filter: <c>all</c>, <c>malicious</c>, <c>safe</c>, <c>timeout</c>, <c>error</c> or <c>unsafe</c>.</summary>
    public string? Result { get; set; }
}

/// <summary>Parameters of <c>/api/ttp/impersonation/get-logs</c>.</summary>
public sealed class TtpImpersonationLogQuery : TtpLogQuery
{
    /// <summary>Gets or sets the field <see cref="Query"/> searches.</summary>
    public string? SearchField { get; set; }

    /// <summary>Gets or sets the text to search for.</summary>
    public string? Query { get; set; }

    /// <summary>Gets or sets the identifiers to filter on.</summary>
    public IList<string>? Identifiers { get; set; }

    /// <summary>Gets or sets the actions to filter on.</summary>
    public IList<string>? Actions { get; set; }

    /// <summary>Gets or sets a filter on the malicious tag.</summary>
    public bool? TaggedMalicious { get; set; }

    /// <summary>Gets or sets a filter on the external tag.</summary>
    public bool? TaggedExternal { get; set; }
}

/// <summary>Values of the <c>route</c> filter. Mimecast may add more: the properties take any string.</summary>
public static class TtpRoutes
{
    /// <summary>Every route.</summary>
    public const string All = "all";

    /// <summary>Messages between internal users.</summary>
    public const string Internal = "internal";

    /// <summary>Outgoing messages.</summary>
    public const string Outbound = "outbound";

    /// <summary>Incoming messages.</summary>
    public const string Inbound = "inbound";
}
