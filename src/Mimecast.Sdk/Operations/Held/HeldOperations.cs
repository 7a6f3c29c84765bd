using System.Text.Json.Serialization;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// The held-message family's descriptors and wire facts (mimecast-actions.md §4), each in one place: the per-call item
/// limit of release and reject, the search field names of each generation, the <c>filterBy</c> shape.
/// </summary>
internal static class HeldOperations
{
    /// <summary>Ids per release or reject call: "1–25" per the 2.0 Postman collection (K1) for release; UNCONFIRMED, and assumed for reject's <c>ids[]</c>.</summary>
    internal const int MaxIdsPerCall = 25;

    /// <summary>The pages of the held queue read to check an unknown outcome; a longer queue leaves ids not seen there unknown.</summary>
    internal const int MaxCheckPages = 100;

    private const string WhatToCheck =
        "Look the message up in the held queue (client.Held.GetHeldMessagesAsync with Admin = true, or the Administration Console's Held Messages): gone means it was acted on, still there means it was not.";

    internal static readonly MimecastOperation List = new("held-list", "/api/gateway/get-hold-message-list") { DefaultPageSize = 100, MaxPageSize = 500 };

    internal static readonly MimecastOperation Summary = new("held-summary", "/api/gateway/get-hold-summary-list");

    internal static readonly MimecastOperation Release = new("held-release", "/api/gateway/hold-release")
    {
        Idempotency = OperationIdempotency.NonIdempotentWrite,
        MaxItemsPerCall = MaxIdsPerCall,
        WhatToCheck = WhatToCheck,
    };

    internal static readonly MimecastOperation Reject = new("held-reject", "/api/gateway/hold-reject")
    {
        Idempotency = OperationIdempotency.NonIdempotentWrite,
        MaxItemsPerCall = MaxIdsPerCall,
        WhatToCheck = WhatToCheck,
    };

    /// <summary>
    /// The <c>searchBy.fieldName</c> of <paramref name="field"/> on <paramref name="generation"/>: API 1.0 documents
    /// <c>reason_code</c> and no sender IP; API 2.0 <c>reasonCode</c> and <c>senderIP</c>.
    /// </summary>
    internal static string FieldName(HeldSearchField field, MimecastApiGeneration generation) => field switch
    {
        HeldSearchField.All => "all",
        HeldSearchField.Subject => "subject",
        HeldSearchField.Sender => "sender",
        HeldSearchField.Recipient => "recipient",
        HeldSearchField.ReasonCode => generation == MimecastApiGeneration.Api2 ? "reasonCode" : "reason_code",
        HeldSearchField.SenderIp when generation == MimecastApiGeneration.Api2 => "senderIP",
        HeldSearchField.SenderIp => throw new ArgumentException("Searching held messages by sender IP is an API 2.0 feature (API 1.0 documents no senderIP field).", nameof(field)),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown held-message search field."),
    };

    /// <summary>The request item of a listing: optional fields left out, <c>filterBy</c> as one entry holding route and held group (UNCONFIRMED shape, from the German 1.0 page).</summary>
    internal static HeldListRequest ToWire(HeldMessageQuery query, MimecastApiGeneration generation) => new()
    {
        Admin = query.Admin,
        Start = query.Start,
        End = query.End,
        SearchBy = query.SearchField is { } field ? new HeldSearchBy { FieldName = FieldName(field, generation), Value = query.SearchValue ?? string.Empty } : null,
        FilterBy = query.Route is null && query.HeldGroup is null ? null : [new HeldFilterBy { Route = query.Route, HeldGroup = query.HeldGroup }],
    };
}

internal sealed class HeldListRequest
{
    public bool Admin { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public HeldSearchBy? SearchBy { get; set; }

    public HeldFilterBy[]? FilterBy { get; set; }
}

internal sealed class HeldSearchBy
{
    public required string FieldName { get; set; }

    public required string Value { get; set; }
}

internal sealed class HeldFilterBy
{
    public string? Route { get; set; }

    public string? HeldGroup { get; set; }
}

internal sealed class HeldIdWire
{
    public required string Id { get; set; }
}

internal sealed class HeldRejectWire
{
    public required string[] Ids { get; set; }

    public string? Message { get; set; }

    public string? ReasonType { get; set; }

    // Always sent, as a JSON bool (the documentation sample shows the string "false"; a peer never sent it at all).
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Notify { get; set; }
}

internal sealed class HeldActionData
{
    public string? Id { get; set; }

    public bool? Release { get; set; }

    public bool? Reject { get; set; }
}

internal sealed class HeldEmptyItem
{
}

// Source-generated JSON metadata of the held-message and message-finder families.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(MimecastDateTimeConverter)])]
[JsonSerializable(typeof(RequestEnvelope<HeldListRequest>))]
[JsonSerializable(typeof(RequestEnvelope<HeldEmptyItem>))]
[JsonSerializable(typeof(RequestEnvelope<HeldIdWire>))]
[JsonSerializable(typeof(RequestEnvelope<HeldRejectWire>))]
[JsonSerializable(typeof(ResponseEnvelope<HeldMessage>))]
[JsonSerializable(typeof(ResponseEnvelope<HeldSummary>))]
[JsonSerializable(typeof(ResponseEnvelope<HeldActionData>))]
[JsonSerializable(typeof(RequestEnvelope<MessageSearchWire>))]
[JsonSerializable(typeof(ResponseEnvelope<MessageSearchData>))]
[JsonSerializable(typeof(ResponseEnvelope<MessageInfo>))]
internal sealed partial class MessageActionsJsonContext : JsonSerializerContext
{
}
