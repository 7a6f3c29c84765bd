using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>One URL click recorded by Targeted Threat Protection URL Protect (<c>/api/ttp/url/get-logs</c>).</summary>
public sealed class TtpUrlLog
{
    /// <summary>Gets or sets the address of the user who clicked.</summary>
    public string? UserEmailAddress { get; set; }

    /// <summary>Gets or sets the sender of the message that carried the URL.</summary>
    public string? FromUserEmailAddress { get; set; }

    /// <summary>Gets or sets the URL that was clicked.</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the name of the URL Protect definition applied.</summary>
    public string? TtpDefinition { get; set; }

    /// <summary>Gets or sets the subject of the message.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the action taken (for example <c>allow</c>, <c>warn</c>, <c>block</c>).</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets the administrator override applied, if any.</summary>
    public string? AdminOverride { get; set; }

    /// <summary>Gets or sets the user override applied, if any.</summary>
    public string? UserOverride { get; set; }

    /// <summary>Gets or sets the scan result (for example <c>clean</c>, <c>malicious</c>).</summary>
    public string? ScanResult { get; set; }

    /// <summary>Gets or sets the URL category.</summary>
    public string? Category { get; set; }

    /// <summary>Gets or sets the IP address that sent the message.</summary>
    public string? SendingIp { get; set; }

    /// <summary>Gets or sets the user awareness action, if any.</summary>
    public string? UserAwarenessAction { get; set; }

    /// <summary>Gets or sets when the click happened.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>Gets or sets the actions taken, as Mimecast reports them.</summary>
    public string? Actions { get; set; }

    /// <summary>Gets or sets the route of the message (<c>inbound</c>, <c>outbound</c>, <c>internal</c>).</summary>
    public string? Route { get; set; }

    /// <summary>Gets or sets how the rewritten link was created.</summary>
    public string? CreationMethod { get; set; }

    /// <summary>Gets or sets the parts of the email the URL was found in.</summary>
    public IList<string>? EmailPartsDescription { get; set; }

    /// <summary>Gets or sets the Internet message id of the message.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets tags attached to the click, grouped by category.</summary>
    public IDictionary<string, IDictionary<string, IList<string>>>? TagMap { get; set; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One attachment scan recorded by Targeted Threat Protection Attachment Protect (<c>/api/ttp/attachment/get-logs</c>).</summary>
public sealed class TtpAttachmentLog
{
    /// <summary>Gets or sets the scan result (for example <c>safe</c>, <c>malicious</c>, <c>timeout</c>).</summary>
    public string? Result { get; set; }

    /// <summary>Gets or sets when the attachment was scanned.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>Gets or sets the sender address.</summary>
    public string? SenderAddress { get; set; }

    /// <summary>Gets or sets the attachment's file name.</summary>
    public string? FileName { get; set; }

    /// <summary>Gets or sets the action triggered.</summary>
    public string? ActionTriggered { get; set; }

    /// <summary>Gets or sets the route of the message.</summary>
    public string? Route { get; set; }

    /// <summary>Gets or sets details of the result.</summary>
    public string? Details { get; set; }

    /// <summary>Gets or sets the recipient address.</summary>
    public string? RecipientAddress { get; set; }

    /// <summary>Gets or sets the file type.</summary>
    public string? FileType { get; set; }

    /// <summary>Gets or sets the Attachment Protect definition applied.</summary>
    public string? Definition { get; set; }

    /// <summary>Gets or sets the Internet message id of the message.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the attachment's hash.</summary>
    public string? FileHash { get; set; }

    /// <summary>Gets or sets the subject of the message.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One message caught by Targeted Threat Protection Impersonation Protect (<c>/api/ttp/impersonation/get-logs</c>).</summary>
public sealed class TtpImpersonationLog
{
    /// <summary>Gets or sets the unique id of the log entry.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the sender address.</summary>
    public string? SenderAddress { get; set; }

    /// <summary>Gets or sets the recipient address.</summary>
    public string? RecipientAddress { get; set; }

    /// <summary>Gets or sets the subject of the message.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the Impersonation Protect definition applied.</summary>
    public string? Definition { get; set; }

    /// <summary>Gets or sets how many identifiers matched.</summary>
    public int? Hits { get; set; }

    /// <summary>Gets or sets the identifiers that matched (for example <c>newly_observed_domain</c>).</summary>
    public IList<string>? Identifiers { get; set; }

    /// <summary>Gets or sets the action taken.</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets a value indicating whether the message was tagged as external.</summary>
    public bool? TaggedExternal { get; set; }

    /// <summary>Gets or sets a value indicating whether the message was tagged as malicious.</summary>
    public bool? TaggedMalicious { get; set; }

    /// <summary>Gets or sets the IP address of the sender.</summary>
    public string? SenderIpAddress { get; set; }

    /// <summary>Gets or sets when the message was processed.</summary>
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>Gets or sets the Internet message id of the message.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the detail of each check that matched.</summary>
    public IList<TtpImpersonationResult>? ImpersonationResults { get; set; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The detail of one impersonation check that matched.</summary>
public sealed class TtpImpersonationResult
{
    /// <summary>Gets or sets where the impersonated domain came from.</summary>
    public string? ImpersonationDomainSource { get; set; }

    /// <summary>Gets or sets the checker's result.</summary>
    public string? CheckerResult { get; set; }

    /// <summary>Gets or sets the domain the sender resembles.</summary>
    public string? SimilarDomain { get; set; }

    /// <summary>Gets or sets the string found similar to the domain.</summary>
    public string? StringSimilarToDomain { get; set; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
