using System.Text.Json;
using System.Text.Json.Serialization;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The sender family's descriptors (managed senders, blocked-sender policies), both generations.</summary>
internal static class SendersOperations
{
    /// <summary>An upsert keyed by (sender, to): sending it again changes nothing, so it is retried like a read.</summary>
    internal static readonly MimecastOperation PermitOrBlock = new("managed-sender-permit-or-block", "/api/managedsender/permit-or-block-sender")
    {
        Idempotency = OperationIdempotency.IdempotentWrite,
        MaxItemsPerCall = 100,
    };

    internal static readonly MimecastOperation GetPolicy = new("blocked-sender-policy-get", "/api/policy/blockedsenders/get-policy") { MaxItemsPerCall = 500 };

    internal static readonly MimecastOperation CreatePolicy = new("blocked-sender-policy-create", "/api/policy/blockedsenders/create-policy")
    {
        Idempotency = OperationIdempotency.NonIdempotentWrite,
        WhatToCheck = "List the blocked-sender policies (get-policy) and look for the description: exactly one means it was created, none that it was not.",
    };

    /// <summary>The same path with the policy's id: a full replacement, so sending the same content again changes nothing.</summary>
    internal static readonly MimecastOperation UpdatePolicy = new("blocked-sender-policy-update", "/api/policy/blockedsenders/create-policy")
    {
        Idempotency = OperationIdempotency.IdempotentWrite,
    };

    /// <summary>
    /// Delete: whether the API 2.0 gateway serves this path is UNCONFIRMED (not in the 2.0 catalogues; peers still call
    /// it). Kept on both generations here, in this one place, until confirmed.
    /// </summary>
    internal static readonly MimecastOperation DeletePolicy = new("blocked-sender-policy-delete", "/api/policy/blockedsenders/delete-policy")
    {
        Idempotency = OperationIdempotency.IdempotentWrite,
    };

    internal static BulkOperation<ManagedSenderEntry, ManagedSenderData, ManagedSender, ManagedSender> Bulk(string action) => new()
    {
        Operation = PermitOrBlock,
        ToWire = entry => new ManagedSenderData { Sender = entry.Sender, To = entry.To, Action = action },
        RequestInfo = ActionsJsonContext.Default.RequestEnvelopeManagedSenderData,
        ResponseInfo = ActionsJsonContext.Default.ResponseEnvelopeManagedSender,
        DataMatches = static (data, entry) => Same(data.Sender, entry.Sender) && Same(data.To, entry.To),
        ToResult = static data => data,
        KeyMatches = static (key, entry) => key.ValueKind == JsonValueKind.Object && Same(Text(key, "sender"), entry.Sender) && Same(Text(key, "to"), entry.To),
        Describe = static entry => entry.Sender + " -> " + entry.To,
    };

    /// <summary>
    /// The request dialect of create-policy, in this one place: the old flat form (<c>fromType</c>/<c>fromValue</c>/
    /// <c>toType</c>/<c>toValue</c>) that XSOAR and Rapid7 send and whose fields Mimecast echoes, plus the documented
    /// optional fields of the current form (dates, eternal flags, bidirectional, override, conditions). Whether Mimecast
    /// accepts the two mixed in one request is UNCONFIRMED.
    /// </summary>
    internal static BlockedSenderPolicyData ToWire(BlockedSenderPolicyRequest request, string? id) => new()
    {
        Id = id,
        Option = request.Option,
        Policy = new BlockedSenderPolicyWire
        {
            Description = request.Description,
            FromPart = request.FromPart,
            FromType = request.FromType,
            FromValue = request.FromValue,
            ToType = request.ToType,
            ToValue = request.ToValue,
            Bidirectional = request.Bidirectional,
            Override = request.Override,
            FromEternal = request.FromEternal,
            ToEternal = request.ToEternal,
            FromDate = request.FromDate,
            ToDate = request.ToDate,
            Conditions = request.SourceIps is { Count: > 0 } ips ? new PolicyConditions { SourceIps = [.. ips] } : null,
        },
    };

    /// <summary>The full content of an existing policy as a request (for a read-modify-write update).</summary>
    internal static BlockedSenderPolicyRequest FromPolicy(BlockedSenderPolicy policy)
    {
        var p = policy.Policy ?? new BlockedSenderPolicyDefinition();
        return new BlockedSenderPolicyRequest
        {
            Description = p.Description ?? string.Empty,
            Option = policy.Option ?? string.Empty,
            FromType = p.FromType ?? p.From?.Type ?? string.Empty,
            FromValue = p.FromValue ?? Value(p.From),
            ToType = p.ToType ?? p.To?.Type ?? string.Empty,
            ToValue = p.ToValue ?? Value(p.To),
            FromPart = p.FromPart,
            SourceIps = p.Conditions?.SourceIps is { } ips ? [.. ips] : null,
            Bidirectional = p.Bidirectional,
            Override = p.Override,
            FromEternal = p.FromEternal,
            ToEternal = p.ToEternal,
            FromDate = p.FromEternal == true ? null : p.FromDate,
            ToDate = p.ToEternal == true ? null : p.ToDate,

            // The guardrail applies to updates too: a policy that stays or becomes everyone/block needs the caller's flag.
            AllowBlockingEveryone = false,
        };
    }

    /// <summary>The checks made before anything is sent: required fields, values where the type needs one, and the block-everyone guardrail.</summary>
    internal static void Validate(BlockedSenderPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Description, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Option, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FromType, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ToType, nameof(request));
        if (PolicyPartyTypes.NeedsValue(request.FromType) && string.IsNullOrWhiteSpace(request.FromValue))
        {
            throw new ArgumentException($"FromType '{request.FromType}' needs a FromValue (an address, a domain without '@', or a group id).", nameof(request));
        }

        if (PolicyPartyTypes.NeedsValue(request.ToType) && string.IsNullOrWhiteSpace(request.ToValue))
        {
            throw new ArgumentException($"ToType '{request.ToType}' needs a ToValue (an address, a domain without '@', or a group id).", nameof(request));
        }

        if (!request.AllowBlockingEveryone && request.FromType.Equals(PolicyPartyTypes.Everyone, StringComparison.OrdinalIgnoreCase)
            && request.Option.Equals(BlockedSenderPolicyOptions.BlockSender, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                "Refused: a blocked-sender policy from 'everyone' with option 'block_sender' blocks ALL mail to its recipients. Name the sender " +
                "(individual_email_address, email_domain, profile_group ...), or set AllowBlockingEveryone = true if that is really intended.", nameof(request));
        }
    }

    private static string? Value(PolicyParty? party) => party?.EmailAddress ?? party?.EmailDomain ?? party?.GroupId;

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal sealed class ManagedSenderData
{
    public required string Sender { get; set; }

    public required string To { get; set; }

    public required string Action { get; set; }
}

internal sealed class BlockedSenderPolicyData
{
    public string? Id { get; set; }

    public required string Option { get; set; }

    public required BlockedSenderPolicyWire Policy { get; set; }
}

internal sealed class BlockedSenderPolicyWire
{
    public required string Description { get; set; }

    public string? FromPart { get; set; }

    public required string FromType { get; set; }

    public string? FromValue { get; set; }

    public required string ToType { get; set; }

    public string? ToValue { get; set; }

    public bool? Bidirectional { get; set; }

    public bool? Override { get; set; }

    public bool? FromEternal { get; set; }

    public bool? ToEternal { get; set; }

    public DateTimeOffset? FromDate { get; set; }

    public DateTimeOffset? ToDate { get; set; }

    public PolicyConditions? Conditions { get; set; }
}
