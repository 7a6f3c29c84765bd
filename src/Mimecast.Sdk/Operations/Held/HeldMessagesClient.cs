using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The held queue: a paged listing, the summary and two bulk writes whose unknown outcomes are checked by a read.</summary>
internal sealed class HeldMessagesClient : IHeldMessagesClient
{
    private readonly MimecastTransport _transport;

    internal HeldMessagesClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public MimecastPageable<HeldMessage> GetHeldMessagesAsync(HeldMessageQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.Pageable<HeldMessage>((token, size, ct) => PageAsync(query ?? new HeldMessageQuery(), token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<HeldMessage>> GetHeldMessagesPageAsync(HeldMessageQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        PageAsync(query ?? new HeldMessageQuery(), pageToken, null, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HeldSummary>> GetSummaryAsync(CancellationToken cancellationToken = default) =>
        ReadOnlyItems.Of(await _transport.CallAllAsync(HeldOperations.Summary, Array.Empty<HeldEmptyItem>(), MessageActionsJsonContext.Default.RequestEnvelopeHeldEmptyItem,
            MessageActionsJsonContext.Default.ResponseEnvelopeHeldSummary, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<MimecastBulkResult<string, HeldActionResult>> ReleaseAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default) =>
        ActAsync(Bulk(HeldOperations.Release, static id => new HeldIdWire { Id = id }, null, MessageActionsJsonContext.Default.RequestEnvelopeHeldIdWire, static d => d.Release),
            ids, cancellationToken);

    /// <inheritdoc />
    public Task<MimecastBulkResult<string, HeldActionResult>> RejectAsync(IEnumerable<string> ids, HeldRejectOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HeldRejectOptions();
        HeldRejectWire Wire(string[] chunk) => new() { Ids = chunk, Message = options.Message, ReasonType = options.ReasonType, Notify = options.Notify };
        return ActAsync(Bulk(HeldOperations.Reject, id => Wire([id]), chunk => [Wire([.. chunk])], MessageActionsJsonContext.Default.RequestEnvelopeHeldRejectWire, static d => d.Reject),
            ids, cancellationToken);
    }

    // Release sends one {id} item per id; reject packs a chunk into one {ids[], message, reasonType, notify} item. Both
    // answer one {id, release|reject} entry per id, false meaning not executed.
    private static BulkOperation<string, TWire, HeldActionData, HeldActionResult> Bulk<TWire>(Http.MimecastOperation operation, Func<string, TWire> toWire,
        Func<IReadOnlyList<string>, TWire[]>? pack, System.Text.Json.Serialization.Metadata.JsonTypeInfo<RequestEnvelope<TWire>> requestInfo, Func<HeldActionData, bool?> flag)
    {
        var verb = operation == HeldOperations.Release ? "release" : "reject";
        return new()
        {
            Operation = operation,
            ToWire = toWire,
            Pack = pack,
            RequestInfo = requestInfo,
            ResponseInfo = MessageActionsJsonContext.Default.ResponseEnvelopeHeldActionData,
            DataMatches = static (data, id) => string.Equals(data.Id, id, StringComparison.Ordinal),
            ToResult = static data => new HeldActionResult(data.Id!, checkedByRead: false),
            Refusal = data => flag(data) == false
                ? new MimecastError { Code = $"held_{verb}_false", Message = $"Mimecast answered {verb}:false for the message: it was not executed" }
                : null,
            KeyMatches = static (key, id) => key.ValueKind == JsonValueKind.Object
                && ((key.TryGetProperty("id", out var one) && one.ValueKind == JsonValueKind.String && one.GetString() == id)
                    || (key.TryGetProperty("ids", out var many) && many.ValueKind == JsonValueKind.Array && many.GetArrayLength() == 1 && many[0].GetString() == id)),
            Describe = static id => id,
        };
    }

    private async Task<MimecastBulkResult<string, HeldActionResult>> ActAsync<TWire>(BulkOperation<string, TWire, HeldActionData, HeldActionResult> bulk, IEnumerable<string> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.ToList();
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Every held message id must be a non-blank string.", nameof(ids));
        }

        var result = await _transport.SendBulkAsync(bulk, list, cancellationToken).ConfigureAwait(false);
        return await CheckUnknownAsync(result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For items whose call may have run without an answer, reads the held queue (admin view): an id still held was not
    /// acted on (failed: safe to send again); an id absent from a complete read was (succeeded, checked by read); a read
    /// that fails or stops at <see cref="HeldOperations.MaxCheckPages"/> leaves the absent ids unknown.
    /// </summary>
    private async Task<MimecastBulkResult<string, HeldActionResult>> CheckUnknownAsync(MimecastBulkResult<string, HeldActionResult> result, CancellationToken cancellationToken)
    {
        if (!result.Items.Any(static i => i.Status == MimecastItemStatus.OutcomeUnknown))
        {
            return result;
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        var complete = false;
        try
        {
            var pages = 0;
            await foreach (var page in GetHeldMessagesAsync(new HeldMessageQuery { PageSize = HeldOperations.List.MaxPageSize }, cancellationToken)
                .AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                held.UnionWith(page.Items.Select(static m => m.Id).OfType<string>());
                if (page.NextPageToken is null)
                {
                    complete = true;
                    break;
                }

                if (++pages >= HeldOperations.MaxCheckPages)
                {
                    break;
                }
            }
        }
        catch (MimecastApiException)
        {
            // The check itself failed: what is not known to be held stays unknown.
        }

        var verb = result.Operation == HeldOperations.Release.Name ? "released" : "rejected";
        var items = result.Items.Select(item => item.Status != MimecastItemStatus.OutcomeUnknown ? item
            : held.Contains(item.Item) ? new MimecastItemResult<string, HeldActionResult>(item.Item, MimecastItemStatus.Failed, null,
                new MimecastError { Code = "held_still_held", Message = $"The answer was lost, and the message is still in the held queue: it was not {verb} (safe to try again)" })
            { StatusCode = item.StatusCode, RequestId = item.RequestId }
            : complete ? new MimecastItemResult<string, HeldActionResult>(item.Item, MimecastItemStatus.Succeeded, new HeldActionResult(item.Item, checkedByRead: true)) { RequestId = item.RequestId }
            : item).ToList();
        return new MimecastBulkResult<string, HeldActionResult>(result.Operation, items);
    }

    // The same data item with every token of one listing; the field names follow the generation in use.
    private Task<MimecastPage<HeldMessage>> PageAsync(HeldMessageQuery query, string? pageToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var generation = _transport.DataContext(HeldOperations.List).Auth.Generation;
        return _transport.GetPageAsync(HeldOperations.List, HeldOperations.ToWire(query, generation), query.PageSize, pageToken, pageSizeHint,
            MessageActionsJsonContext.Default.RequestEnvelopeHeldListRequest, MessageActionsJsonContext.Default.ResponseEnvelopeHeldMessage, static m => new[] { m }, cancellationToken);
    }
}
