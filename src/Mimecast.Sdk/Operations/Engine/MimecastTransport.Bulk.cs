using System.Net;
using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// Bulk items: any number of items split into calls of the operation's MaxItemsPerCall, sent one after the other
// through the same handler pipeline (rate-limit gate, retry by idempotency class), each item mapped to one result.
internal sealed partial class MimecastTransport
{
    /// <summary>
    /// Sends <paramref name="items"/> in calls of at most <see cref="Http.MimecastOperation.MaxItemsPerCall"/> items, in
    /// order, and returns one result per item. The three failure channels map to <see cref="MimecastItemStatus.Failed"/>:
    /// a <c>fail</c> entry (matched by its <c>key</c> echo, else in order), a refusal in <c>data</c>, and a failure of the
    /// whole call (HTTP status, or <c>meta.status</c> with an empty <c>fail</c>), which fails that call's items. After a
    /// whole-call failure that every later call would repeat (refused credentials, 403, quota exhausted past the wait) the
    /// later items are <see cref="MimecastItemStatus.NotAttempted"/>; after any other, the next call is still sent. A call
    /// whose outcome is unknown (a non-idempotent write that may have reached Mimecast) marks its items
    /// <see cref="MimecastItemStatus.OutcomeUnknown"/> and is never resent. Cancellation is thrown as usual.
    /// </summary>
    internal async Task<MimecastBulkResult<TItem, TResult>> SendBulkAsync<TItem, TWire, TData, TResult>(BulkOperation<TItem, TWire, TData, TResult> bulk,
        IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var operation = bulk.Operation;
        var size = operation.MaxItemsPerCall ?? 1;
        var (context, auth) = DataContext(operation);
        var results = new List<MimecastItemResult<TItem, TResult>>(items.Count);
        var stopped = false;
        for (var start = 0; start < items.Count; start += size)
        {
            var chunk = items.Skip(start).Take(size).ToList();
            if (stopped)
            {
                results.AddRange(chunk.Select(static i => new MimecastItemResult<TItem, TResult>(i, MimecastItemStatus.NotAttempted)));
                continue;
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(new RequestEnvelope<TWire> { Data = bulk.Pack is { } pack ? pack(chunk) : [.. chunk.Select(bulk.ToWire)] }, bulk.RequestInfo);
            try
            {
                var (mapped, _) = await SendInstrumentedAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, HttpMethod.Post,
                    operation.Path, body, async (response, s, ct) =>
                    {
                        var chunkResults = MapChunk(bulk, chunk, await ReadAsync(response, s, bulk.ResponseInfo, ct, perItemFail: true).ConfigureAwait(false), s.LastRequestId);
                        s.ItemOutcomes = (chunkResults.Count(static r => r.Status == MimecastItemStatus.Succeeded), chunkResults.Count(static r => r.Status == MimecastItemStatus.Failed),
                            chunkResults.Count(static r => r.Status == MimecastItemStatus.OutcomeUnknown));
                        return chunkResults;
                    }, cancellationToken, [.. chunk.Select(bulk.Describe)]).ConfigureAwait(false);
                results.AddRange(mapped);
            }
            catch (MimecastOutcomeUnknownException e)
            {
                results.AddRange(chunk.Select(i => new MimecastItemResult<TItem, TResult>(i, MimecastItemStatus.OutcomeUnknown) { StatusCode = e.StatusCode, RequestId = e.RequestId }));
            }
            catch (MimecastApiException e)
            {
                var error = e.Errors.Count > 0 ? e.Errors[0] : new MimecastError { Code = e.StatusCode is { } code ? "http_" + (int)code : "transport", Message = e.Message };
                results.AddRange(chunk.Select(i => new MimecastItemResult<TItem, TResult>(i, MimecastItemStatus.Failed, default, error)
                {
                    StatusCode = e.StatusCode,
                    FunctionStatus = e.FunctionStatus,
                    RequestId = e.RequestId,
                }));
                stopped = e is MimecastAuthenticationException or MimecastRateLimitException
                    || e.StatusCode == HttpStatusCode.Forbidden || e.FunctionStatus == (int)HttpStatusCode.Forbidden;
            }
        }

        return new MimecastBulkResult<TItem, TResult>(operation.Name, results);
    }

    private static MimecastItemResult<TItem, TResult>[] MapChunk<TItem, TWire, TData, TResult>(BulkOperation<TItem, TWire, TData, TResult> bulk, List<TItem> chunk,
        ResponseEnvelope<TData> envelope, string? requestId)
    {
        var results = new MimecastItemResult<TItem, TResult>?[chunk.Count];
        int Find(Func<TItem, bool> match) => Enumerable.Range(0, chunk.Count).FirstOrDefault(i => results[i] is null && match(chunk[i]), -1);
        MimecastItemResult<TItem, TResult> Failed(TItem item, MimecastError error) => bulk.AlreadyDone is { } alreadyDone && alreadyDone(error, item) is { } done
            ? new(item, MimecastItemStatus.Succeeded, done) { RequestId = requestId }
            : new(item, MimecastItemStatus.Failed, default, error) { RequestId = requestId };

        // Channel 1: fail entries, matched by their key echo; those without a usable key are matched in order below.
        var unkeyed = new List<MimecastError>();
        foreach (var fail in envelope.Fail ?? [])
        {
            if (fail is null || FailItems.Flatten([fail]) is not [var error, ..])
            {
                continue;
            }

            var index = bulk.KeyMatches is { } keyMatches && fail.Key is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } key
                ? Find(item => keyMatches(key, item))
                : -1;
            if (index >= 0)
            {
                results[index] = Failed(chunk[index], error);
            }
            else
            {
                unkeyed.Add(error);
            }
        }

        // Channel 3: data entries, each the result of its item, or its refusal (a false).
        foreach (var data in envelope.Data ?? [])
        {
            if (data is null || Find(item => bulk.DataMatches(data, item)) is not (>= 0 and var index))
            {
                continue;
            }

            results[index] = bulk.Refusal?.Invoke(data) is { } refusal
                ? Failed(chunk[index], refusal)
                : new MimecastItemResult<TItem, TResult>(chunk[index], MimecastItemStatus.Succeeded, bulk.ToResult(data)) { RequestId = requestId };
        }

        // Items neither answered nor matched: the unkeyed fail entries in order (one each when the counts agree, else the
        // first for all: never reported as success); with no fail entry left, Mimecast's answer did not mention them.
        var open = Enumerable.Range(0, chunk.Count).Where(i => results[i] is null).ToList();
        for (var k = 0; k < open.Count; k++)
        {
            var i = open[k];
            results[i] = unkeyed.Count > 0
                ? Failed(chunk[i], unkeyed[unkeyed.Count == open.Count ? k : 0])
                : new MimecastItemResult<TItem, TResult>(chunk[i], MimecastItemStatus.OutcomeUnknown) { RequestId = requestId };
        }

        return results!;
    }
}
