using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>One URL click recorded by Targeted Threat Protection URL Protect (<c>/api/ttp/url/get-logs</c>).</summary>
public sealed class TtpUrlLog
{
    /// <summary>Gets the address of the user who clicked.</summary>
    public string? UserEmailAddress { get; init; }

    /// <summary>Gets the sender of the message that carried the URL.</summary>
    public string? FromUserEmailAddress { get; init; }

    /// <summary>Gets the URL that was clicked.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the name of the URL Protect definition applied.</summary>
    public string? TtpDefinition { get; init; }

    /// <summary>Gets the subject of the message.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the action taken (for example <c>allow</c>, <c>warn</c>, <c>block</c>).</summary>
    public string? Action { get; init; }

    /// <summary>Gets the administrator override applied, if any.</summary>
    public string? AdminOverride { get; init; }

    /// <summary>Gets the user override applied, if any.</summary>
    public string? UserOverride { get; init; }

    /// <summary>Gets the scan result (for example <c>clean</c>, <c>malicious</c>).</summary>
    public string? ScanResult { get; init; }

    /// <summary>Gets the URL category.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the IP address that sent the message.</summary>
    public string? SendingIp { get; init; }

    /// <summary>Gets the user awareness action, if any.</summary>
    public string? UserAwarenessAction { get; init; }

    /// <summary>Gets when the click happened.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the actions taken, as Mimecast reports them.</summary>
    public string? Actions { get; init; }

    /// <summary>Gets the route of the message (<c>inbound</c>, <c>outbound</c>, <c>internal</c>).</summary>
    public string? Route { get; init; }

    /// <summary>Gets how the rewritten link was created.</summary>
    public string? CreationMethod { get; init; }

    /// <summary>Gets the parts of the email the URL was found in.</summary>
    public IReadOnlyList<string>? EmailPartsDescription { get; init; }

    /// <summary>Gets the Internet message id of the message.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets tags attached to the click, grouped by category.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? TagMap { get; init; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One attachment scan recorded by Targeted Threat Protection Attachment Protect (<c>/api/ttp/attachment/get-logs</c>).</summary>
public sealed class TtpAttachmentLog
{
    /// <summary>Gets the scan result (for example <c>safe</c>, <c>malicious</c>, <c>timeout</c>).</summary>
    public string? Result { get; init; }

    /// <summary>Gets when the attachment was scanned.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the sender address.</summary>
    public string? SenderAddress { get; init; }

    /// <summary>Gets the attachment's file name.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the action triggered.</summary>
    public string? ActionTriggered { get; init; }

    /// <summary>Gets the route of the message.</summary>
    public string? Route { get; init; }

    /// <summary>Gets details of the result.</summary>
    public string? Details { get; init; }

    /// <summary>Gets the recipient address.</summary>
    public string? RecipientAddress { get; init; }

    /// <summary>Gets the file type.</summary>
    public string? FileType { get; init; }

    /// <summary>Gets the Attachment Protect definition applied.</summary>
    public string? Definition { get; init; }

    /// <summary>Gets the Internet message id of the message.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the attachment's hash.</summary>
    public string? FileHash { get; init; }

    /// <summary>Gets the subject of the message.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One message caught by Targeted Threat Protection Impersonation Protect (<c>/api/ttp/impersonation/get-logs</c>).</summary>
public sealed class TtpImpersonationLog
{
    /// <summary>Gets the unique id of the log entry.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the sender address.</summary>
    public string? SenderAddress { get; init; }

    /// <summary>Gets the recipient address.</summary>
    public string? RecipientAddress { get; init; }

    /// <summary>Gets the subject of the message.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the Impersonation Protect definition applied.</summary>
    public string? Definition { get; init; }

    /// <summary>Gets how many identifiers matched.</summary>
    public int? Hits { get; init; }

    /// <summary>Gets the identifiers that matched (for example <c>newly_observed_domain</c>).</summary>
    public IReadOnlyList<string>? Identifiers { get; init; }

    /// <summary>Gets the action taken.</summary>
    public string? Action { get; init; }

    /// <summary>Gets a value indicating whether the message was tagged as external.</summary>
    public bool? TaggedExternal { get; init; }

    /// <summary>Gets a value indicating whether the message was tagged as malicious.</summary>
    public bool? TaggedMalicious { get; init; }

    /// <summary>Gets the IP address of the sender.</summary>
    public string? SenderIpAddress { get; init; }

    /// <summary>Gets when the message was processed.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Gets the Internet message id of the message.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the detail of each check that matched.</summary>
    public IReadOnlyList<TtpImpersonationResult>? ImpersonationResults { get; init; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The detail of one impersonation check that matched.</summary>
public sealed class TtpImpersonationResult
{
    /// <summary>Gets where the impersonated domain came from.</summary>
    public string? ImpersonationDomainSource { get; init; }

    /// <summary>Gets the checker's result.</summary>
    public string? CheckerResult { get; init; }

    /// <summary>Gets the domain the sender resembles.</summary>
    public string? SimilarDomain { get; init; }

    /// <summary>Gets the string found similar to the domain.</summary>
    public string? StringSimilarToDomain { get; init; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
