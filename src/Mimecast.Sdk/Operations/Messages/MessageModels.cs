using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>A message-finder search (<c>/api/message-finder/search</c>): by <see cref="MessageId"/> or by <see cref="Advanced"/> options, exactly one of them.</summary>
public sealed class MessageSearchQuery
{
    /// <summary>Gets or sets the Internet Message-ID to find (for example <c>&lt;abc@example.com&gt;</c>).</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the advanced track-and-trace options (sender, recipient, subject, sender IP, route).</summary>
    public MessageTrackingOptions? Advanced { get; set; }

    /// <summary>Gets or sets the reason for the search, recorded in Mimecast's audit log. Left out when unset.</summary>
    public string? SearchReason { get; set; }

    /// <summary>Gets or sets the start of the period (UTC on the wire). Mimecast's default when unset.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Gets or sets the end of the period.</summary>
    public DateTimeOffset? End { get; set; }
}

/// <summary>The advanced options of a message search; unset options are left out.</summary>
public sealed class MessageTrackingOptions
{
    /// <summary>Gets or sets the sender address.</summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the recipient address.</summary>
    public string? To { get; set; }

    /// <summary>Gets or sets the subject.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the sending IP address (wire name <c>senderIP</c>).</summary>
    public string? SenderIp { get; set; }

    /// <summary>Gets or sets the route (<c>all</c>, <c>internal</c>, <c>outbound</c>, <c>inbound</c>, <c>external</c>); an open string.</summary>
    public string? Route { get; set; }
}

/// <summary>An address in a tracked message.</summary>
public sealed class TrackedAddress
{
    /// <summary>Gets or sets the email address.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Gets or sets the display name, if any.</summary>
    public string? DisplayableName { get; init; }
}

/// <summary>One message the message finder found. Its <see cref="Id"/> is opaque: pass it to get-message-info, never compare it across reads.</summary>
public sealed class TrackedEmail
{
    /// <summary>Gets or sets the tracking id (what <see cref="IMessagesClient.GetMessageInfoAsync"/> takes).</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the status (for example <c>delivery</c>, <c>held</c>, <c>rejected</c>); an open string, compare case-insensitively.</summary>
    public string? Status { get; init; }

    /// <summary>Gets or sets Mimecast's note on the status, for example <c>Envelope Rejected</c>.</summary>
    public string? Info { get; init; }

    /// <summary>Gets or sets the envelope sender.</summary>
    public TrackedAddress? FromEnv { get; init; }

    /// <summary>Gets or sets the header sender.</summary>
    public TrackedAddress? FromHdr { get; init; }

    /// <summary>Gets or sets the recipients.</summary>
    public IReadOnlyList<TrackedAddress>? To { get; init; }

    /// <summary>Gets or sets when Mimecast received it.</summary>
    public DateTimeOffset? Received { get; init; }

    /// <summary>Gets or sets when it was sent on, if it was.</summary>
    public DateTimeOffset? Sent { get; init; }

    /// <summary>Gets or sets the subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets or sets the sending IP address (wire name <c>senderIP</c>).</summary>
    [JsonPropertyName("senderIP")]
    public string? SenderIp { get; init; }

    /// <summary>Gets or sets whether it has attachments.</summary>
    public bool? Attachments { get; init; }

    /// <summary>Gets or sets the route; an open string.</summary>
    public string? Route { get; init; }

    /// <summary>Gets or sets the spam score.</summary>
    public int? SpamScore { get; init; }

    /// <summary>Gets or sets the spam detection level; an open string.</summary>
    public string? DetectionLevel { get; init; }
}

/// <summary>What Mimecast delivered to one recipient (a value of <see cref="MessageInfo.DeliveredMessage"/>); the blocks are kept as Mimecast sends them.</summary>
public sealed class DeliveredMessageInfo
{
    /// <summary>Gets or sets the <c>messageInfo</c> block.</summary>
    public JsonElement? MessageInfo { get; init; }

    /// <summary>Gets or sets the <c>policyInfo</c> list.</summary>
    public JsonElement? PolicyInfo { get; init; }

    /// <summary>Gets or sets the <c>deliveryMetaInfo</c> block.</summary>
    public JsonElement? DeliveryMetaInfo { get; init; }
}

/// <summary>The details of one tracked message (<c>/api/message-finder/get-message-info</c>); nested blocks are kept as Mimecast sends them.</summary>
public sealed class MessageInfo
{
    /// <summary>Gets or sets the tracking id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the status; an open string.</summary>
    public string? Status { get; init; }

    /// <summary>Gets or sets the deliveries, keyed by recipient address (Mimecast uses the address as the key).</summary>
    public IReadOnlyDictionary<string, DeliveredMessageInfo>? DeliveredMessage { get; init; }

    /// <summary>Gets or sets the <c>recipientInfo</c> block.</summary>
    public JsonElement? RecipientInfo { get; init; }

    /// <summary>Gets or sets the <c>retentionInfo</c> block.</summary>
    public JsonElement? RetentionInfo { get; init; }

    /// <summary>Gets or sets the <c>spamInfo</c> block.</summary>
    public JsonElement? SpamInfo { get; init; }

    /// <summary>Gets or sets the <c>queueInfo</c> block (held messages).</summary>
    public JsonElement? QueueInfo { get; init; }
}
