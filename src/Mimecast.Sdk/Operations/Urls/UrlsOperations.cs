using System.Text.Json;
using System.Text.Json.Serialization;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The URL family's descriptors (URL Protect: decode, managed URLs), both generations.</summary>
internal static class UrlsOperations
{
    internal static readonly MimecastOperation Decode = new("decode-url", "/api/ttp/url/decode-url") { MaxItemsPerCall = 25 };

    internal static readonly MimecastOperation ListManaged = new("managed-url-list", "/api/ttp/url/get-all-managed-urls") { DefaultPageSize = 100, MaxPageSize = 500 };

    internal static readonly MimecastOperation CreateManaged = new("managed-url-create", "/api/ttp/url/create-managed-url")
    {
        Idempotency = OperationIdempotency.NonIdempotentWrite,
        WhatToCheck = "List the managed URLs with domainOrUrl = the URL and exactMatch = true: an entry with the same action means it was created.",
    };

    internal static readonly MimecastOperation DeleteManaged = new("managed-url-delete", "/api/ttp/url/delete-managed-url") { Idempotency = OperationIdempotency.IdempotentWrite };

    /// <summary>Mimecast's code for a managed URL that already exists.</summary>
    internal const string ExistsCode = "err_managed_url_exists_code";

    /// <summary>Mimecast's code for a managed URL id it does not have.</summary>
    internal const string NotFoundCode = "err_managed_url_not_found";

    /// <summary>The code the SDK reports for a URL Mimecast answered with <c>success:false</c>.</summary>
    internal const string NotDecodedCode = "url_not_decoded";

    /// <summary>A URL as logs and reports show it: without its query string and fragment (they may carry tokens).</summary>
    internal static string ForLog(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return end < 0 ? url : url[..end] + "?…";
    }
}

internal sealed class UrlData
{
    public required string Url { get; set; }
}

internal sealed class IdData
{
    public required string Id { get; set; }
}

internal sealed class DecodedUrlData
{
    public string? Url { get; set; }

    public bool? Success { get; set; }
}

// Source-generated JSON metadata of the URL and sender families (trimmable and native-AOT safe).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(MimecastDateTimeConverter)])]
[JsonSerializable(typeof(RequestEnvelope<UrlData>))]
[JsonSerializable(typeof(RequestEnvelope<IdData>))]
[JsonSerializable(typeof(RequestEnvelope<ManagedUrlQuery>))]
[JsonSerializable(typeof(RequestEnvelope<ManagedUrlRequest>))]
[JsonSerializable(typeof(ResponseEnvelope<DecodedUrlData>))]
[JsonSerializable(typeof(ResponseEnvelope<ManagedUrl>))]
[JsonSerializable(typeof(ResponseEnvelope<JsonElement>))]
[JsonSerializable(typeof(RequestEnvelope<ManagedSenderData>))]
[JsonSerializable(typeof(ResponseEnvelope<ManagedSender>))]
[JsonSerializable(typeof(RequestEnvelope<BlockedSenderPolicyData>))]
[JsonSerializable(typeof(ResponseEnvelope<BlockedSenderPolicy>))]
internal sealed partial class ActionsJsonContext : JsonSerializerContext
{
}
