using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>A sender and the internal recipient a managed-sender entry applies to (the entry's key at Mimecast).</summary>
/// <param name="Sender">The sender's email address.</param>
/// <param name="To">The internal recipient's email address.</param>
public sealed record ManagedSenderEntry(string Sender, string To);

/// <summary>A managed-sender entry as Mimecast answers it. Its <see cref="Id"/> is opaque (<c>MTOKEN:…</c>): never compare it across reads.</summary>
public sealed class ManagedSender
{
    /// <summary>Gets or sets the opaque id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the sender.</summary>
    public string? Sender { get; init; }

    /// <summary>Gets or sets the recipient.</summary>
    public string? To { get; init; }

    /// <summary>Gets or sets the type Mimecast reports, capitalised: <c>Block</c> or <c>Permit</c> (compare case-insensitively).</summary>
    public string? Type { get; init; }
}

/// <summary>The <c>option</c> of a blocked-sender policy; an open set (compare case-insensitively).</summary>
public static class BlockedSenderPolicyOptions
{
    /// <summary>Block the sender: <c>block_sender</c>.</summary>
    public const string BlockSender = "block_sender";

    /// <summary>Take no action (an exception to a broader block): <c>no_action</c>.</summary>
    public const string NoAction = "no_action";
}

/// <summary>The <c>from</c>/<c>to</c> types of a blocked-sender policy; an open set (compare case-insensitively).</summary>
public static class PolicyPartyTypes
{
    /// <summary>Everyone: <c>everyone</c>. As a sender with <see cref="BlockedSenderPolicyOptions.BlockSender"/> it blocks all mail.</summary>
    public const string Everyone = "everyone";

    /// <summary>Internal addresses: <c>internal_addresses</c>.</summary>
    public const string InternalAddresses = "internal_addresses";

    /// <summary>External addresses: <c>external_addresses</c>.</summary>
    public const string ExternalAddresses = "external_addresses";

    /// <summary>A domain (value without <c>@</c>): <c>email_domain</c>.</summary>
    public const string EmailDomain = "email_domain";

    /// <summary>A profile group (value: the group id): <c>profile_group</c>.</summary>
    public const string ProfileGroup = "profile_group";

    /// <summary>One address: <c>individual_email_address</c>.</summary>
    public const string IndividualEmailAddress = "individual_email_address";

    /// <summary>Whether a type needs a value (<c>fromValue</c>/<c>toValue</c>).</summary>
    internal static bool NeedsValue(string type) =>
        type.Equals(EmailDomain, StringComparison.OrdinalIgnoreCase) || type.Equals(ProfileGroup, StringComparison.OrdinalIgnoreCase)
        || type.Equals(IndividualEmailAddress, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One side (<c>from</c> or <c>to</c>) of a policy as Mimecast answers it.</summary>
public sealed class PolicyParty
{
    /// <summary>Gets or sets the type; see <see cref="PolicyPartyTypes"/>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets or sets the address (individual address types).</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Gets or sets the domain (domain types).</summary>
    public string? EmailDomain { get; init; }

    /// <summary>Gets or sets the group id (profile groups).</summary>
    public string? GroupId { get; init; }
}

/// <summary>The conditions of a policy.</summary>
public sealed class PolicyConditions
{
    /// <summary>Gets or sets the source IP ranges (CIDR) the policy is limited to.</summary>
    [JsonPropertyName("sourceIPs")]
    public IReadOnlyList<string>? SourceIps { get; init; }
}

/// <summary>The definition of a blocked-sender policy as Mimecast answers it (both the <c>from</c>/<c>to</c> objects and the flat fields).</summary>
public sealed class BlockedSenderPolicyDefinition
{
    /// <summary>Gets or sets the description (the SDK's way to find a policy again: keep it unique).</summary>
    public string? Description { get; init; }

    /// <summary>Gets or sets which sender address is matched: <c>envelope_from</c>, <c>header_from</c> or <c>both</c>.</summary>
    public string? FromPart { get; init; }

    /// <summary>Gets or sets the sender side.</summary>
    public PolicyParty? From { get; init; }

    /// <summary>Gets or sets the recipient side.</summary>
    public PolicyParty? To { get; init; }

    /// <summary>Gets or sets the sender type (flat form).</summary>
    public string? FromType { get; init; }

    /// <summary>Gets or sets the sender value (flat form).</summary>
    public string? FromValue { get; init; }

    /// <summary>Gets or sets the recipient type (flat form).</summary>
    public string? ToType { get; init; }

    /// <summary>Gets or sets the recipient value (flat form).</summary>
    public string? ToValue { get; init; }

    /// <summary>Gets or sets a value indicating whether the policy has no start date.</summary>
    public bool? FromEternal { get; init; }

    /// <summary>Gets or sets a value indicating whether the policy has no end date.</summary>
    public bool? ToEternal { get; init; }

    /// <summary>Gets or sets the start (Mimecast renders "eternal" as 1900-01-01).</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>Gets or sets the end (Mimecast renders "eternal" as 2100-01-01).</summary>
    public DateTimeOffset? ToDate { get; init; }

    /// <summary>Gets or sets a value indicating whether the policy overrides others.</summary>
    public bool? Override { get; init; }

    /// <summary>Gets or sets a value indicating whether the policy also applies in the other direction.</summary>
    public bool? Bidirectional { get; init; }

    /// <summary>Gets or sets the conditions.</summary>
    public PolicyConditions? Conditions { get; init; }

    /// <summary>Gets or sets a value indicating whether the policy is enabled.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Gets or sets a value indicating whether the policy is enforced.</summary>
    public bool? Enforced { get; init; }

    /// <summary>Gets or sets when the policy was created.</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>Gets or sets when the policy was last changed.</summary>
    public DateTimeOffset? LastUpdated { get; init; }
}

/// <summary>A blocked-sender policy. Its <see cref="Id"/> is opaque.</summary>
public sealed class BlockedSenderPolicy
{
    /// <summary>Gets or sets the opaque id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the option; see <see cref="BlockedSenderPolicyOptions"/>.</summary>
    public string? Option { get; init; }

    /// <summary>Gets or sets the definition.</summary>
    public BlockedSenderPolicyDefinition? Policy { get; init; }
}

/// <summary>
/// A blocked-sender policy to create, or the full content of one to update (<see cref="ISendersClient.UpdatePolicyAsync"/>).
/// No defaults for the sender and recipient sides: a policy from <see cref="PolicyPartyTypes.Everyone"/> that blocks is
/// refused unless <see cref="AllowBlockingEveryone"/> is set. Unset optional fields are not sent.
/// </summary>
public sealed class BlockedSenderPolicyRequest
{
    /// <summary>Gets or sets the description (required; keep it unique: the SDK finds the policy by it after a lost answer).</summary>
    public required string Description { get; set; }

    /// <summary>Gets or sets the option (required); see <see cref="BlockedSenderPolicyOptions"/>.</summary>
    public required string Option { get; set; }

    /// <summary>Gets or sets the sender type (required); see <see cref="PolicyPartyTypes"/>.</summary>
    public required string FromType { get; set; }

    /// <summary>Gets or sets the sender value (an address, a domain without <c>@</c>, or a group id), required for those types.</summary>
    public string? FromValue { get; set; }

    /// <summary>Gets or sets the recipient type (required); see <see cref="PolicyPartyTypes"/>.</summary>
    public required string ToType { get; set; }

    /// <summary>Gets or sets the recipient value, required for the types that name one.</summary>
    public string? ToValue { get; set; }

    /// <summary>Gets or sets which sender address is matched: <c>envelope_from</c> (Mimecast's default), <c>header_from</c> or <c>both</c>.</summary>
    public string? FromPart { get; set; }

    /// <summary>Gets or sets the source IP ranges (CIDR) the policy is limited to.</summary>
    public IList<string>? SourceIps { get; set; }

    /// <summary>Gets or sets a value indicating whether the policy also applies in the other direction.</summary>
    public bool? Bidirectional { get; set; }

    /// <summary>Gets or sets a value indicating whether the policy overrides others.</summary>
    public bool? Override { get; set; }

    /// <summary>Gets or sets a value indicating whether the policy has no start date.</summary>
    public bool? FromEternal { get; set; }

    /// <summary>Gets or sets a value indicating whether the policy has no end date.</summary>
    public bool? ToEternal { get; set; }

    /// <summary>Gets or sets the start, sent in UTC.</summary>
    public DateTimeOffset? FromDate { get; set; }

    /// <summary>Gets or sets the end, sent in UTC.</summary>
    public DateTimeOffset? ToDate { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a policy from <see cref="PolicyPartyTypes.Everyone"/> with
    /// <see cref="BlockedSenderPolicyOptions.BlockSender"/> is allowed. Such a policy blocks all mail to its recipients;
    /// without this flag the SDK refuses it before sending. Never sent to Mimecast.
    /// </summary>
    public bool AllowBlockingEveryone { get; set; }
}

/// <summary>What <see cref="ISendersClient.CreatePolicyAsync"/> found.</summary>
public enum BlockedSenderPolicyCreateOutcome
{
    /// <summary>Mimecast created the policy.</summary>
    Created,

    /// <summary>The answer was lost, and exactly one policy with the description was found: created (verified by the re-read).</summary>
    CreatedVerified,

    /// <summary>The answer was lost, and no policy with the description was found: it was not created.</summary>
    NotCreated,
}

/// <summary>The result of <see cref="ISendersClient.CreatePolicyAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Policy">The policy Mimecast holds, or <see langword="null"/> when it was not created.</param>
public sealed record BlockedSenderPolicyCreateResult(BlockedSenderPolicyCreateOutcome Outcome, BlockedSenderPolicy? Policy);
