using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>The actions of a managed URL, as Mimecast spells them; an open set (compare case-insensitively).</summary>
public static class ManagedUrlActions
{
    /// <summary>Block clicks on the URL: <c>block</c>.</summary>
    public const string Block = "block";

    /// <summary>Permit the URL: <c>permit</c>.</summary>
    public const string Permit = "permit";
}

/// <summary>The match types of a managed URL, as Mimecast spells them; an open set (compare case-insensitively).</summary>
public static class ManagedUrlMatchTypes
{
    /// <summary>Only this exact URL: <c>explicit</c>.</summary>
    public const string Explicit = "explicit";

    /// <summary>Every URL of the domain: <c>domain</c>.</summary>
    public const string Domain = "domain";
}

/// <summary>
/// One entry of the URL Protect managed URL list (block or permit). Its <see cref="Id"/> is opaque and may change
/// between reads: never cache or compare it across reads; look entries up by URL instead.
/// </summary>
public sealed class ManagedUrl
{
    /// <summary>Gets or sets the opaque id (for <see cref="IUrlsClient.DeleteManagedUrlAsync"/>).</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the scheme, such as <c>https</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>Gets or sets the domain.</summary>
    public string? Domain { get; init; }

    /// <summary>Gets or sets the port; Mimecast sends <c>-1</c> for none.</summary>
    public int? Port { get; init; }

    /// <summary>Gets or sets the path.</summary>
    public string? Path { get; init; }

    /// <summary>Gets or sets the query string.</summary>
    public string? QueryString { get; init; }

    /// <summary>Gets or sets the match type; see <see cref="ManagedUrlMatchTypes"/> (an open set, compare case-insensitively).</summary>
    public string? MatchType { get; init; }

    /// <summary>Gets or sets the action; see <see cref="ManagedUrlActions"/> (an open set, compare case-insensitively).</summary>
    public string? Action { get; init; }

    /// <summary>Gets or sets the comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets or sets a value indicating whether user awareness is disabled for the URL (permit entries).</summary>
    public bool? DisableUserAwareness { get; init; }

    /// <summary>Gets or sets a value indicating whether rewriting is disabled for the URL (permit entries).</summary>
    public bool? DisableRewrite { get; init; }

    /// <summary>Gets or sets a value indicating whether click logging is disabled for the URL.</summary>
    public bool? DisableLogClick { get; init; }

    /// <summary>Gets a value indicating whether the entry blocks (case-insensitive).</summary>
    [JsonIgnore]
    public bool IsBlock => string.Equals(Action, ManagedUrlActions.Block, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Filters of <c>get-all-managed-urls</c>. Every property is optional; an empty query lists every entry.</summary>
public sealed class ManagedUrlQuery
{
    /// <summary>Gets or sets a domain or URL to search for.</summary>
    public string? DomainOrUrl { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="DomainOrUrl"/> must match exactly (Mimecast's default: false).</summary>
    public bool? ExactMatch { get; set; }

    /// <summary>Gets or sets a domain or comment text to search for (API 2.0 documentation).</summary>
    public string? DomainOrComment { get; set; }

    /// <summary>Gets or sets a value indicating whether the entries are sorted by URL.</summary>
    public bool? SortByUrl { get; set; }

    /// <summary>Gets or sets <c>asc</c> or <c>desc</c> (with <see cref="SortByUrl"/>).</summary>
    public string? SortOrder { get; set; }

    /// <summary>Gets or sets the page size; the client's <see cref="MimecastClientOptions.DefaultPageSize"/> when unset.</summary>
    [JsonIgnore]
    public int? PageSize { get; set; }

    [JsonIgnore]
    internal bool IsEmpty => DomainOrUrl is null && ExactMatch is null && DomainOrComment is null && SortByUrl is null && SortOrder is null;
}

/// <summary>A managed URL to create (<see cref="IUrlsClient.CreateManagedUrlAsync"/>). Unset optional fields are not sent.</summary>
public sealed class ManagedUrlRequest
{
    /// <summary>Gets or sets the URL (no <c>#fragment</c>: Mimecast refuses it, so the SDK refuses it before sending).</summary>
    public required string Url { get; set; }

    /// <summary>Gets or sets <see cref="ManagedUrlActions.Block"/> or <see cref="ManagedUrlActions.Permit"/>.</summary>
    public required string Action { get; set; }

    /// <summary>Gets or sets <see cref="ManagedUrlMatchTypes.Explicit"/> or <see cref="ManagedUrlMatchTypes.Domain"/>; Mimecast's default when unset.</summary>
    public string? MatchType { get; set; }

    /// <summary>Gets or sets a comment.</summary>
    public string? Comment { get; set; }

    /// <summary>Gets or sets a value indicating whether rewriting is disabled (applies to permit entries only).</summary>
    public bool? DisableRewrite { get; set; }

    /// <summary>Gets or sets a value indicating whether user awareness is disabled (applies to permit entries only).</summary>
    public bool? DisableUserAwareness { get; set; }

    /// <summary>Gets or sets a value indicating whether click logging is disabled.</summary>
    public bool? DisableLogClick { get; set; }
}

/// <summary>What <see cref="IUrlsClient.CreateManagedUrlAsync"/> found.</summary>
public enum ManagedUrlCreateOutcome
{
    /// <summary>Mimecast created the entry.</summary>
    Created,

    /// <summary>Mimecast already had an entry for the URL with the same action (and match type, when one was asked): nothing to do.</summary>
    AlreadyExists,

    /// <summary>Mimecast already had an entry for the URL with another action or match type; it was left unchanged (delete and recreate to change it).</summary>
    Conflict,

    /// <summary>The answer was lost, and a re-read found the entry with the same action: created (verified by the re-read).</summary>
    CreatedVerified,

    /// <summary>
    /// The answer was lost, and a re-read did not find the entry: it was not created. Calling again is safe: Mimecast
    /// refuses a duplicate managed URL, so a create that was still in flight cannot lead to two entries.
    /// </summary>
    NotCreated,
}

/// <summary>The result of <see cref="IUrlsClient.CreateManagedUrlAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Entry">The entry Mimecast holds for the URL (the created or existing one), or <see langword="null"/> when none was found.</param>
public sealed record ManagedUrlCreateResult(ManagedUrlCreateOutcome Outcome, ManagedUrl? Entry)
{
    /// <summary>Gets a value indicating whether Mimecast now holds the entry as asked (<see cref="ManagedUrlCreateOutcome.Created"/>, <see cref="ManagedUrlCreateOutcome.AlreadyExists"/> or <see cref="ManagedUrlCreateOutcome.CreatedVerified"/>).</summary>
    public bool IsSuccess => Outcome is ManagedUrlCreateOutcome.Created or ManagedUrlCreateOutcome.AlreadyExists or ManagedUrlCreateOutcome.CreatedVerified;
}

/// <summary>What a delete found: the entry was deleted, or Mimecast did not have it (deleting again is harmless).</summary>
public enum MimecastDeleteOutcome
{
    /// <summary>Mimecast deleted the entry.</summary>
    Deleted,

    /// <summary>Mimecast did not have the entry (already deleted, or never existed): the desired state holds.</summary>
    AlreadyAbsent,
}

/// <summary>The result of one URL of <see cref="IUrlsClient.DecodeAsync"/>: the original URL behind a rewritten one.</summary>
/// <param name="Url">The decoded (original) URL.</param>
public sealed record DecodedUrl(string Url);
