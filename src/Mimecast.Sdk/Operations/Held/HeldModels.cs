namespace Mimecast.Sdk.Models;

/// <summary>The fields a held-message search looks in (<c>searchBy.fieldName</c>; the client writes each generation's name).</summary>
public enum HeldSearchField
{
    /// <summary>Every field (<c>all</c>).</summary>
    All,

    /// <summary>The subject.</summary>
    Subject,

    /// <summary>The sender address.</summary>
    Sender,

    /// <summary>The recipient address.</summary>
    Recipient,

    /// <summary>The hold reason code (<c>reason_code</c> on API 1.0, <c>reasonCode</c> on API 2.0).</summary>
    ReasonCode,

    /// <summary>The sending IP address (<c>senderIP</c>): API 2.0 only.</summary>
    SenderIp,
}

/// <summary>Filters of <c>/api/gateway/get-hold-message-list</c>. Unset properties are left out of the request.</summary>
public sealed class HeldMessageQuery
{
    /// <summary>
    /// Gets or sets a value indicating whether to list every user's held mail (the default, what a SOC wants).
    /// <see langword="false"/> returns only the API user's own held mail.
    /// </summary>
    public bool Admin { get; set; } = true;

    /// <summary>Gets or sets the start of the period (sent in UTC as <c>yyyy-MM-ddTHH:mm:ss+0000</c>).</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Gets or sets the end of the period.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>Gets or sets the field <see cref="SearchValue"/> is looked for in; <see langword="null"/> for no search.</summary>
    public HeldSearchField? SearchField { get; set; }

    /// <summary>Gets or sets the text searched for in <see cref="SearchField"/>.</summary>
    public string? SearchValue { get; set; }

    /// <summary>Gets or sets the route filter (<c>all</c>, <c>internal</c>, <c>outbound</c>, <c>inbound</c>, <c>external</c>); an open string.</summary>
    public string? Route { get; set; }

    /// <summary>Gets or sets the held-group filter (for example <c>administrator</c>, <c>moderator</c>, <c>user</c>); an open string.</summary>
    public string? HeldGroup { get; set; }

    /// <summary>Gets or sets the page size (1 to 500); the client's default when unset.</summary>
    public int? PageSize { get; set; }
}

/// <summary>An address as the held queue reports it.</summary>
public sealed class HeldMessageAddress
{
    /// <summary>Gets or sets the email address.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Gets or sets the display name, if any.</summary>
    public string? DisplayableName { get; init; }
}

/// <summary>One message in the held queue. Its <see cref="Id"/> is opaque: use it for release or reject, never compare it across reads.</summary>
public sealed class HeldMessage
{
    /// <summary>Gets or sets the held message's secure id (what release and reject take).</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the hold reason, for example <c>Relaxed Spam Detection</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets or sets the hold reason's id.</summary>
    public string? ReasonId { get; init; }

    /// <summary>Gets or sets the hold reason's code; an open string.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Gets or sets the envelope sender.</summary>
    public HeldMessageAddress? From { get; init; }

    /// <summary>Gets or sets the header sender.</summary>
    public HeldMessageAddress? FromHeader { get; init; }

    /// <summary>Gets or sets the recipient.</summary>
    public HeldMessageAddress? To { get; init; }

    /// <summary>Gets or sets the subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets or sets the route (Mimecast sends it in upper case, for example <c>INBOUND</c>; compare case-insensitively).</summary>
    public string? Route { get; init; }

    /// <summary>Gets or sets whether the message has attachments.</summary>
    public bool? HasAttachments { get; init; }

    /// <summary>Gets or sets the size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>Gets or sets when Mimecast received the message.</summary>
    public DateTimeOffset? DateReceived { get; init; }

    /// <summary>Gets or sets the policy that held it.</summary>
    public string? PolicyInfo { get; init; }
}

/// <summary>One line of the held summary (<c>/api/gateway/get-hold-summary-list</c>): how many messages a policy holds.</summary>
public sealed class HeldSummary
{
    /// <summary>Gets or sets the policy.</summary>
    public string? PolicyInfo { get; init; }

    /// <summary>Gets or sets how many messages it holds.</summary>
    public int? NumberOfItems { get; init; }
}

/// <summary>The <c>reasonType</c> values Mimecast documents for rejecting held messages (verbatim). An open set: any string is sent as given.</summary>
public static class HeldRejectReasons
{
    /// <summary><c>MESSAGE CONTAINS UNDESIRABLE CONTENT</c>.</summary>
    public const string UndesirableContent = "MESSAGE CONTAINS UNDESIRABLE CONTENT";

    /// <summary><c>MESSAGE CONTAINS CONFIDENTIAL INFORMATION</c>.</summary>
    public const string ConfidentialInformation = "MESSAGE CONTAINS CONFIDENTIAL INFORMATION";

    /// <summary><c>REVIEWER DISAPPROVES OF CONTENT</c>.</summary>
    public const string ReviewerDisapproves = "REVIEWER DISAPPROVES OF CONTENT";

    /// <summary><c>INAPPROPRIATE COMMUNICATION</c>.</summary>
    public const string InappropriateCommunication = "INAPPROPRIATE COMMUNICATION";

    /// <summary><c>MESSAGE GOES AGAINST EMAIL POLICIES</c>.</summary>
    public const string AgainstEmailPolicies = "MESSAGE GOES AGAINST EMAIL POLICIES";
}

/// <summary>How held messages are rejected (<c>/api/gateway/hold-reject</c>).</summary>
public sealed class HeldRejectOptions
{
    /// <summary>Gets or sets the reason type; see <see cref="HeldRejectReasons"/>. Left out when <see langword="null"/>.</summary>
    public string? ReasonType { get; set; }

    /// <summary>Gets or sets the message to the sender. Left out when <see langword="null"/>.</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets a value indicating whether the sender gets a rejection notice (sent as a JSON boolean; default false).</summary>
    public bool Notify { get; set; }
}

/// <summary>What Mimecast said about one released or rejected held message.</summary>
public sealed class HeldActionResult
{
    /// <summary>Creates a result (for tests and fakes; the SDK builds them from Mimecast's answers).</summary>
    /// <param name="id">The held message id.</param>
    /// <param name="checkedByRead">Whether the outcome was learned by reading the held queue after a lost answer.</param>
    public HeldActionResult(string id, bool checkedByRead)
    {
        Id = id;
        CheckedByRead = checkedByRead;
    }

    /// <summary>Gets the held message id.</summary>
    public string Id { get; }

    /// <summary>
    /// Gets a value indicating whether the answer was lost and the SDK learned the outcome by reading the held queue (the
    /// id had left it); <see langword="false"/> when Mimecast answered <c>true</c> for it.
    /// </summary>
    public bool CheckedByRead { get; }

    /// <summary>Returns the id and how the outcome is known.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => CheckedByRead ? $"{Id} (checked by read)" : Id;
}
