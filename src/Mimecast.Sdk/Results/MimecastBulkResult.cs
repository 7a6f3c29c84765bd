using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The result of a bulk call: one <see cref="MimecastItemResult{TItem, TResult}"/> per item given, in the same order.
/// A partial failure is a result, not an exception; call <see cref="EnsureSuccess"/> for all-or-nothing.
/// </summary>
/// <typeparam name="TItem">The request item.</typeparam>
/// <typeparam name="TResult">What Mimecast returned for a succeeded item.</typeparam>
public sealed class MimecastBulkResult<TItem, TResult>
{
    /// <summary>Creates a bulk result (for tests and fakes).</summary>
    /// <param name="operation">The operation name.</param>
    /// <param name="items">One result per item, in request order.</param>
    public MimecastBulkResult(string operation, IReadOnlyList<MimecastItemResult<TItem, TResult>> items)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(items);
        Operation = operation;
        Items = ReadOnlyItems.Of(items);
        Succeeded = ReadOnlyItems.Of(Items.Where(static i => i.IsSuccess).ToList());
        Failed = ReadOnlyItems.Of(Items.Where(static i => !i.IsSuccess).ToList());
    }

    /// <summary>Gets the operation name, for example <c>held-release</c>.</summary>
    public string Operation { get; }

    /// <summary>Gets one result per item, in the order the items were given.</summary>
    public IReadOnlyList<MimecastItemResult<TItem, TResult>> Items { get; }

    /// <summary>Gets the items that succeeded.</summary>
    public IReadOnlyList<MimecastItemResult<TItem, TResult>> Succeeded { get; }

    /// <summary>Gets every item that did not succeed: failed, outcome unknown, or not attempted.</summary>
    public IReadOnlyList<MimecastItemResult<TItem, TResult>> Failed { get; }

    /// <summary>Gets a value indicating whether every item succeeded.</summary>
    public bool IsSuccess => Failed.Count == 0;

    /// <summary>Throws <see cref="MimecastBulkException"/> unless every item succeeded.</summary>
    /// <returns>This result, for chaining.</returns>
    /// <exception cref="MimecastBulkException">At least one item failed, has an unknown outcome, or was not attempted.</exception>
    public MimecastBulkResult<TItem, TResult> EnsureSuccess()
    {
        if (IsSuccess)
        {
            return this;
        }

        int Count(MimecastItemStatus status) => Failed.Count(i => i.Status == status);
        var errors = Failed.Select(static i => i.Error).OfType<MimecastError>().Distinct().ToList();
        var failed = Count(MimecastItemStatus.Failed);
        var unknown = Count(MimecastItemStatus.OutcomeUnknown);
        var notAttempted = Count(MimecastItemStatus.NotAttempted);
        var message = MimecastApiException.Describe(
            $"Mimecast {Operation}: {Succeeded.Count} of {Items.Count} item(s) succeeded, {failed} failed, {unknown} with an unknown outcome (check them before retrying), {notAttempted} not attempted",
            null, null, null, errors, Failed[0].RequestId);
        throw new MimecastBulkException(message, Operation, Succeeded.Count, failed, unknown, notAttempted, errors);
    }
}
