using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>
/// What a remediation incident searches for: one file hash, one message id or one URL, and the reason recorded on the
/// incident. Build it with <see cref="ByHash"/>, <see cref="ByMessageId"/> or <see cref="ByUrl"/>.
/// </summary>
public sealed record RemediationRequest
{
    private RemediationRequest(string searchBy, string value, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        SearchBy = searchBy;
        Value = value.Trim();
        Reason = reason;
    }

    /// <summary>Gets what the incident searches by: <c>hash</c>, <c>messageId</c> or <c>url</c>.</summary>
    public string SearchBy { get; }

    /// <summary>Gets the hash, message id (with its <c>&lt;…&gt;</c> delimiters) or URL.</summary>
    public string Value { get; }

    /// <summary>
    /// Gets the reason recorded on the incident. Make it unique (include your alert or case id): when a create's answer is
    /// lost, the SDK finds the incident by this reason to learn whether it was created.
    /// </summary>
    public string Reason { get; }

    /// <summary>Gets the start of the period searched; Mimecast's default (the last calendar month) when null.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Gets the end of the period searched; now when null.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>An incident that removes every message carrying an attachment with this file hash (image hashes are not supported by Mimecast).</summary>
    /// <param name="hash">The file hash (MD5, SHA-1 or SHA-256).</param>
    /// <param name="reason">The reason recorded on the incident; make it unique.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public static RemediationRequest ByHash(string hash, string reason) => new("hash", hash, reason);

    /// <summary>
    /// An incident that removes the message with this internet message id. Mimecast requires the <c>&lt;</c> <c>&gt;</c>
    /// delimiters: they are added when the id does not have them.
    /// </summary>
    /// <param name="messageId">The Message-ID header value, with or without <c>&lt;…&gt;</c>.</param>
    /// <param name="reason">The reason recorded on the incident; make it unique.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public static RemediationRequest ByMessageId(string messageId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var id = messageId.Trim();
        return new("messageId", id.StartsWith('<') && id.EndsWith('>') ? id : "<" + id.Trim('<', '>') + ">", reason);
    }

    /// <summary>An incident that removes every message containing this URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="reason">The reason recorded on the incident; make it unique.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public static RemediationRequest ByUrl(string url, string reason) => new("url", url, reason);

    /// <summary>Returns what the request searches by and for.</summary>
    /// <returns>For example <c>hash 5d41…</c>.</returns>
    public override string ToString() => SearchBy + " " + Value;
}

/// <summary>A remediation incident: what it searched for and how many messages it found and removed (a snapshot; read it again for progress).</summary>
public sealed class RemediationIncident
{
    /// <summary>Gets the incident's id (opaque).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the incident's code, as shown in the Administration Console.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the incident type: <c>notify_only</c>, <c>automatic</c>, <c>manual</c> or <c>restored</c> (an open string).</summary>
    public string? Type { get; init; }

    /// <summary>Gets the reason given when it was created.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets how many messages were identified.</summary>
    public int? Identified { get; init; }

    /// <summary>Gets how many messages were removed.</summary>
    public int? Successful { get; init; }

    /// <summary>Gets how many removals failed.</summary>
    public int? Failed { get; init; }

    /// <summary>Gets how many messages were restored.</summary>
    public int? Restored { get; init; }

    /// <summary>Gets when the incident was created (<c>create</c> on the wire).</summary>
    [JsonPropertyName("create")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>Gets when the incident last changed.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Gets what the incident searched for.</summary>
    public RemediationSearchCriteria? SearchCriteria { get; init; }
}

/// <summary>What a remediation incident searched for.</summary>
public sealed class RemediationSearchCriteria
{
    /// <summary>Gets the sender searched for, if any.</summary>
    public string? From { get; init; }

    /// <summary>Gets the recipient searched for, if any.</summary>
    public string? To { get; init; }

    /// <summary>Gets the start of the period searched.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Gets the end of the period searched.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Gets the message id searched for, if any.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the file hash searched for, if any.</summary>
    public string? FileHash { get; init; }

    /// <summary>Gets the URL searched for, if any.</summary>
    public string? Url { get; init; }
}

/// <summary>
/// Parameters of <c>/api/ttp/remediation/find-incidents</c>. Mimecast requires at least one: a period, a search or a type
/// filter. Unset properties are not sent.
/// </summary>
public sealed class RemediationIncidentQuery
{
    /// <summary>Gets or sets the start of the period.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Gets or sets the end of the period.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>Gets or sets the field <see cref="SearchValue"/> searches: <c>all</c> (default), <c>code</c>, <c>file_hash</c> or <c>reason</c>.</summary>
    public string? SearchField { get; set; }

    /// <summary>Gets or sets the text to search for.</summary>
    public string? SearchValue { get; set; }

    /// <summary>Gets or sets the incident types to keep: <c>notify_only</c>, <c>automatic</c>, <c>manual</c>, <c>restored</c>.</summary>
    public IList<string>? Types { get; set; }
}

/// <summary>Whether one file hash was seen in the account's mail (search-hash looks back over the last year).</summary>
public sealed class RemediationHashStatus
{
    /// <summary>Gets the hash.</summary>
    public string? Hash { get; init; }

    /// <summary>Gets a value indicating whether Mimecast saw the hash.</summary>
    public bool Detected { get; init; }
}

/// <summary>The result of a hash search over any number of hashes.</summary>
public sealed class RemediationHashSearchResult
{
    /// <summary>Creates a result (for tests and fakes).</summary>
    /// <param name="statuses">One status per hash Mimecast searched.</param>
    /// <param name="failedHashes">The hashes Mimecast could not search (an invalid hash, for example).</param>
    public RemediationHashSearchResult(IReadOnlyList<RemediationHashStatus> statuses, IReadOnlyList<string> failedHashes)
    {
        Statuses = ReadOnlyItems.Of(statuses);
        FailedHashes = ReadOnlyItems.Of(failedHashes);
    }

    /// <summary>Gets one status per hash Mimecast searched.</summary>
    public IReadOnlyList<RemediationHashStatus> Statuses { get; }

    /// <summary>Gets the hashes Mimecast could not search.</summary>
    public IReadOnlyList<string> FailedHashes { get; }

    /// <summary>Gets the hashes Mimecast saw.</summary>
    public IEnumerable<string> Detected => Statuses.Where(static s => s.Detected && s.Hash is not null).Select(static s => s.Hash!);
}

internal sealed class RemediationCreateWire
{
    public required string Reason { get; init; }

    public required string SearchBy { get; init; }

    public string? HashOrMessageId { get; init; }

    public string? Url { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }
}

internal sealed class RemediationIdData
{
    public required string Id { get; init; }
}

internal sealed class FieldValueWire
{
    public required string FieldName { get; init; }

    public required string Value { get; init; }
}

internal sealed class TypeWire
{
    public required string Type { get; init; }
}

internal sealed class FindIncidentsObjectWire
{
    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public FieldValueWire? SearchBy { get; init; }

    public List<TypeWire>? FilterBy { get; init; }
}

internal sealed class FindIncidentsArrayWire
{
    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public List<FieldValueWire>? SearchBy { get; init; }

    public List<FieldValueWire>? FilterBy { get; init; }
}

internal sealed class HashesWire
{
    public required List<string> Hashes { get; init; }
}

internal sealed class HashSearchData
{
    public List<RemediationHashStatus>? HashStatus { get; init; }

    public List<JsonElement>? FailedHashes { get; init; }
}

// Source-generated JSON metadata of the remediation family.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(MimecastDateTimeConverter)])]
[JsonSerializable(typeof(RequestEnvelope<RemediationCreateWire>))]
[JsonSerializable(typeof(RequestEnvelope<RemediationIdData>))]
[JsonSerializable(typeof(RequestEnvelope<FindIncidentsObjectWire>))]
[JsonSerializable(typeof(RequestEnvelope<FindIncidentsArrayWire>))]
[JsonSerializable(typeof(RequestEnvelope<HashesWire>))]
[JsonSerializable(typeof(ResponseEnvelope<RemediationIncident>))]
[JsonSerializable(typeof(ResponseEnvelope<JsonElement>))]
[JsonSerializable(typeof(ResponseEnvelope<HashSearchData>))]
[JsonSerializable(typeof(RemediationIncident))]
internal sealed partial class RemediationJsonContext : JsonSerializerContext
{
}
