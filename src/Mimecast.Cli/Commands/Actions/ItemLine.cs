using System.Net;
using System.Text.Json.Serialization;

namespace Mimecast.Cli.Commands.Actions;

/// <summary>
/// One result line of an action command: one per item given (a URL, an id, a sender and recipient), in the order
/// given. <see cref="Status"/> is <c>succeeded</c>, <c>failed</c>, <c>outcome_unknown</c> (the write may have run:
/// check before acting again, see <see cref="WhatToCheck"/>), <c>not_attempted</c> or <c>dry_run</c>.
/// </summary>
internal sealed record ItemLine
{
    /// <summary>Gets the item as given.</summary>
    public required string Item { get; init; }

    /// <summary>Gets the action, for example <c>release</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Gets what happened to the item; see <see cref="ItemStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the operation's own outcome, for example <c>created</c>, <c>already_exists</c>, <c>already_absent</c>, <c>checked_by_read</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets what Mimecast returned for the item: a decoded URL, an entry id.</summary>
    public string? Result { get; init; }

    /// <summary>Gets Mimecast's error code for a failed item.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the error message for a failed item (never a secret).</summary>
    public string? Error { get; init; }

    /// <summary>Gets the <c>x-mc-req-id</c> of the call that carried the item, if known.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets what to check at Mimecast before acting again, for an item whose outcome is unknown.</summary>
    public string? WhatToCheck { get; init; }

    /// <summary>Gets the HTTP status of a failed call, for the exit code (not written).</summary>
    [JsonIgnore]
    public HttpStatusCode? HttpStatus { get; init; }

    /// <summary>The table and TSV columns of result lines.</summary>
    public static IReadOnlyList<Column<ItemLine>> Columns { get; } =
    [
        new("item", static l => l.Item),
        new("action", static l => l.Action),
        new("status", static l => l.Status),
        new("detail", static l => Detail(l)),
    ];

    /// <summary>An SDK outcome name in the lines' spelling: <c>AlreadyExists</c> → <c>already_exists</c>.</summary>
    public static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    private static string? Detail(ItemLine l) =>
        l.Status == ItemStatus.OutcomeUnknown ? l.WhatToCheck
        : l.ErrorCode is not null ? (l.Error is null ? l.ErrorCode : $"{l.ErrorCode}: {l.Error}")
        : string.Join(' ', new[] { l.Outcome, l.Result }.Where(static s => !string.IsNullOrEmpty(s)));
}

/// <summary>The values of <see cref="ItemLine.Status"/>.</summary>
internal static class ItemStatus
{
    /// <summary>Mimecast executed the item.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Mimecast refused the item, or the call carrying it failed.</summary>
    public const string Failed = "failed";

    /// <summary>The write may have reached Mimecast without an answer; it was not sent again.</summary>
    public const string OutcomeUnknown = "outcome_unknown";

    /// <summary>The item was never sent (an earlier failure every later call would repeat).</summary>
    public const string NotAttempted = "not_attempted";

    /// <summary><c>--dry-run</c>: nothing was sent.</summary>
    public const string DryRun = "dry_run";
}

/// <summary>Source-generated JSON for the result lines of every action command.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ItemLine))]
internal sealed partial class ActionsJson : JsonSerializerContext;
