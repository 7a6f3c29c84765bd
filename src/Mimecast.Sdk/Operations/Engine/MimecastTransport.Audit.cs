using System.Diagnostics;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.Operations;

// The audit trail of every write (IdempotentWrite and NonIdempotentWrite descriptors): one Information line per call,
// the action tags on the call's activity, and the mimecast.actions counter per item, by operation and outcome.
internal sealed partial class MimecastTransport
{
    /// <summary>The outcome of a write call that succeeded for every item.</summary>
    internal const string Succeeded = "succeeded";

    /// <summary>The outcome of a write call that succeeded for some items only.</summary>
    internal const string Partial = "partial";

    /// <summary>The outcome of a write call Mimecast refused (every item failed).</summary>
    internal const string Failed = "failed";

    /// <summary>The outcome of a write call that may or may not have been executed.</summary>
    internal const string Unknown = "unknown";

    private const int TargetsShown = 3;

    private string ClientName => Name.Length == 0 ? "default" : Name;

    /// <summary>
    /// The target summary of a write for logs and tags: the family's item descriptions (never a secret), the first
    /// <see cref="TargetsShown"/> in full and a count of the rest.
    /// </summary>
    internal static string TargetOf(IReadOnlyList<string>? items) => items switch
    {
        null or { Count: 0 } => "-",
        { Count: <= TargetsShown } => string.Join(", ", items),
        _ => string.Join(", ", items.Take(TargetsShown)) + $" and {items.Count - TargetsShown} more",
    };

    /// <summary>
    /// Records the outcome of a family's own check after an unknown outcome (a re-read that found the write applied, or
    /// not): one Information line and the <c>mimecast.actions</c> counter under <paramref name="outcome"/>.
    /// </summary>
    internal void AuditChecked(MimecastOperation operation, string target, string outcome, string check, int items = 1)
    {
        Log.ActionChecked(Logger, operation.Name, ClientName, target, outcome, check);
        Activity.Current?.SetTag("mimecast.action.checked", outcome);
        Telemetry.Actions.Add(items, new TagList { { "mimecast.operation", operation.Name }, { "mimecast.outcome", outcome + "_checked" } });
    }

    private void AuditWrite(MimecastRequestState state, Exception? failure, Activity? activity)
    {
        var operation = state.Operation;
        var count = Math.Max(state.Items?.Count ?? 1, 1);
        if (failure is OperationCanceledException && state.Attempts == 0)
        {
            return; // cancelled before anything was sent: no action happened
        }

        var (succeeded, failed, unknown) = failure switch
        {
            null => state.ItemOutcomes ?? (count, 0, 0),
            MimecastOutcomeUnknownException or OperationCanceledException => (0, 0, count),
            _ => (0, count, 0),
        };
        var outcome = succeeded == count ? Succeeded
            : succeeded > 0 ? Partial
            : unknown == 0 ? Failed
            : failed == 0 ? Unknown
            : Partial;
        var target = TargetOf(state.Items);
        Log.Action(Logger, operation.Name, ClientName, target, outcome, succeeded, failed, unknown, state.LastRequestId);
        activity?.SetTag("mimecast.action.outcome", outcome);
        activity?.SetTag("mimecast.action.target", target);
        activity?.SetTag("mimecast.action.items", count);
        Count(operation, Succeeded, succeeded);
        Count(operation, Failed, failed);
        Count(operation, Unknown, unknown);
    }

    private void Count(MimecastOperation operation, string outcome, int items)
    {
        if (items > 0)
        {
            Telemetry.Actions.Add(items, new TagList { { "mimecast.operation", operation.Name }, { "mimecast.outcome", outcome } });
        }
    }
}
