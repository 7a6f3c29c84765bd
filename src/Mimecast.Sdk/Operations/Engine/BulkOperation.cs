using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// What a bulk action family tells the engine (<see cref="MimecastTransport.SendBulkAsync{TItem, TWire, TData, TResult}"/>):
/// its descriptor (with <see cref="MimecastOperation.MaxItemsPerCall"/>), how an item goes on the wire, how a
/// <c>data</c> entry maps back to its item and what a refusal in <c>data</c> (such as <c>release:false</c>) means.
/// </summary>
/// <typeparam name="TItem">The caller's item.</typeparam>
/// <typeparam name="TWire">The item's <c>data</c> entry in the request.</typeparam>
/// <typeparam name="TData">A <c>data</c> entry of the answer.</typeparam>
/// <typeparam name="TResult">What the caller gets for a succeeded item.</typeparam>
internal sealed class BulkOperation<TItem, TWire, TData, TResult>
{
    internal required MimecastOperation Operation { get; init; }

    internal required Func<TItem, TWire> ToWire { get; init; }

    /// <summary>
    /// For an operation whose one <c>data</c> item carries a list of targets (hold-reject's <c>ids[]</c>): the whole
    /// chunk as the call's <c>data</c> items (instead of one <see cref="ToWire"/> item per caller item); the answer still
    /// has one <c>data</c> entry per target. <see langword="null"/>: one wire item per caller item.
    /// </summary>
    internal Func<IReadOnlyList<TItem>, TWire[]>? Pack { get; init; }

    internal required JsonTypeInfo<RequestEnvelope<TWire>> RequestInfo { get; init; }

    internal required JsonTypeInfo<ResponseEnvelope<TData>> ResponseInfo { get; init; }

    /// <summary>Whether an answer's <c>data</c> entry is the one of a request item.</summary>
    internal required Func<TData, TItem, bool> DataMatches { get; init; }

    /// <summary>The caller's result of a succeeded item.</summary>
    internal required Func<TData, TResult> ToResult { get; init; }

    /// <summary>For a <c>data</c> entry that says the item was not executed (a <c>false</c>), the error to report; <see langword="null"/> when it was executed.</summary>
    internal Func<TData, MimecastError?>? Refusal { get; init; }

    /// <summary>Whether a <c>fail</c> entry's <c>key</c> echo is the one of a request item (Mimecast may leave the key out).</summary>
    internal Func<JsonElement, TItem, bool>? KeyMatches { get; init; }

    /// <summary>
    /// For an idempotent write, the result of an item whose <c>fail</c> says the goal is already reached (a member
    /// already in the group, an address not in it): the item then succeeds with this result; <see langword="null"/>
    /// when the error is a real failure.
    /// </summary>
    internal Func<MimecastError, TItem, TResult?>? AlreadyDone { get; init; }

    /// <summary>A short identifier of an item (a message id, a URL) for logs and unknown-outcome reports; never a secret.</summary>
    internal required Func<TItem, string> Describe { get; init; }
}
