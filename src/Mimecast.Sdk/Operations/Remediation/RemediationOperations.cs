using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// The remediation family's descriptors (<c>/api/ttp/remediation/...</c>, both generations) and the one place that knows
/// the two documented request shapes of find-incidents.
/// </summary>
internal static class RemediationOperations
{
    /// <summary>How far around the moment of a lost create the verifying find-incidents looks (clock skew between us and Mimecast).</summary>
    internal static readonly TimeSpan VerifySlack = TimeSpan.FromMinutes(5);

    /// <summary>Every call creates an incident and removes mail from mailboxes: never resent after it may have reached Mimecast.</summary>
    internal static readonly MimecastOperation Create = new("remediation-create", "/api/ttp/remediation/create")
    {
        Idempotency = OperationIdempotency.NonIdempotentWrite,
        WhatToCheck = "Look for an incident with this reason created since the call was sent (client.Remediation.FindIncidentsAsync, SearchField \"reason\") before creating it again.",
    };

    internal static readonly MimecastOperation GetIncident = new("remediation-get-incident", "/api/ttp/remediation/get-incident") { MaxItemsPerCall = 25 };

    internal static readonly MimecastOperation FindIncidents = new("remediation-find-incidents", "/api/ttp/remediation/find-incidents") { ListProperty = "incidents" };

    // At most 100 hashes per call, and Mimecast recommends no more than 20 to stay under its 2048-byte request limit.
    internal static readonly MimecastOperation SearchHash = new("remediation-search-hash", "/api/ttp/remediation/search-hash") { MaxItemsPerCall = 20 };

    /// <summary>The request size limit of search-hash.</summary>
    internal const int SearchHashMaxBodyBytes = 2048;

    /// <summary>
    /// find-incidents, documented shape 1 (the parameter table; what the 2.0 Postman collection sends):
    /// <c>searchBy</c> one object <c>{fieldName, value}</c>, <c>filterBy</c> an array of <c>{type}</c>. UNCONFIRMED.
    /// </summary>
    internal static FindIncidentsObjectWire ObjectShape(RemediationIncidentQuery q) => new()
    {
        Start = q.Start,
        End = q.End,
        SearchBy = q.SearchValue is null ? null : new FieldValueWire { FieldName = q.SearchField ?? "all", Value = q.SearchValue },
        FilterBy = q.Types is { Count: > 0 } types ? [.. types.Select(static t => new TypeWire { Type = t })] : null,
    };

    /// <summary>
    /// find-incidents, documented shape 2 (the request sample): <c>searchBy</c> and <c>filterBy</c> both arrays of
    /// <c>{fieldName, value}</c>, the type filter as <c>fieldName: "type"</c>. UNCONFIRMED; sent when shape 1 is refused.
    /// </summary>
    internal static FindIncidentsArrayWire ArrayShape(RemediationIncidentQuery q) => new()
    {
        Start = q.Start,
        End = q.End,
        SearchBy = q.SearchValue is null ? null : [new FieldValueWire { FieldName = q.SearchField ?? "all", Value = q.SearchValue }],
        FilterBy = q.Types is { Count: > 0 } types ? [.. types.Select(static t => new FieldValueWire { FieldName = "type", Value = t })] : null,
    };

    /// <summary>Whether Mimecast refused a find-incidents request for its shape (a validation error or HTTP 400), so the other shape is worth one try.</summary>
    internal static bool RefusedShape(MimecastApiException e) =>
        e is not (MimecastAuthenticationException or MimecastRateLimitException or MimecastOutcomeUnknownException)
        && (e.StatusCode == System.Net.HttpStatusCode.BadRequest
            || e.Errors.Any(static x => x.Code.StartsWith("err_validation", StringComparison.OrdinalIgnoreCase)
                || x.Field is "searchBy" or "filterBy" || x.Field?.StartsWith("searchBy", StringComparison.Ordinal) == true || x.Field?.StartsWith("filterBy", StringComparison.Ordinal) == true));
}
