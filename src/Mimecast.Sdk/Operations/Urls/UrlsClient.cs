using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>URL Protect: decode (bulk read), managed URLs (paged list, checked create, idempotent delete).</summary>
internal sealed class UrlsClient : IUrlsClient
{
    private static readonly BulkOperation<string, UrlData, DecodedUrlData, DecodedUrl> DecodeBulk = new()
    {
        Operation = UrlsOperations.Decode,
        ToWire = static url => new UrlData { Url = url },
        RequestInfo = ActionsJsonContext.Default.RequestEnvelopeUrlData,
        ResponseInfo = ActionsJsonContext.Default.ResponseEnvelopeDecodedUrlData,

        // A data entry carries the decoded URL, not the request's: entries answer, in order, the URLs without a keyed fail.
        DataMatches = static (_, _) => true,
        ToResult = static data => new DecodedUrl(data.Url!),
        Refusal = static data => data.Success == false || string.IsNullOrEmpty(data.Url)
            ? new MimecastError { Code = UrlsOperations.NotDecodedCode, Message = "Mimecast could not decode the URL (success:false)" }
            : null,
        KeyMatches = static (key, url) => key.ValueKind == JsonValueKind.Object && key.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String && u.GetString() == url,
        Describe = UrlsOperations.ForLog,
    };

    private readonly MimecastTransport _transport;

    internal UrlsClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public Task<MimecastBulkResult<string, DecodedUrl>> DecodeAsync(IEnumerable<string> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return _transport.SendBulkAsync(DecodeBulk, [.. urls], cancellationToken);
    }

    /// <inheritdoc />
    public MimecastPageable<ManagedUrl> GetManagedUrlsAsync(ManagedUrlQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.Pageable<ManagedUrl>((token, size, ct) => _transport.GetPageAsync<ManagedUrlQuery?, ManagedUrl, ManagedUrl>(UrlsOperations.ListManaged, query is null || query.IsEmpty ? null : query, query?.PageSize,
            token, size, ActionsJsonContext.Default.RequestEnvelopeManagedUrlQuery, ActionsJsonContext.Default.ResponseEnvelopeManagedUrl, static d => [d], ct), cancellationToken);

    /// <inheritdoc />
    public async Task<ManagedUrlCreateResult> CreateManagedUrlAsync(ManagedUrlRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Url, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Action, nameof(request));
        if (request.Url.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("A managed URL cannot have a #fragment: Mimecast refuses it. Remove the part from '#'.", nameof(request));
        }

        var operation = UrlsOperations.CreateManaged;
        var target = UrlsOperations.ForLog(request.Url);
        ResponseEnvelope<ManagedUrl> envelope;
        string? requestId;
        try
        {
            (envelope, requestId) = await _transport.CallEnvelopeAsync(operation, request, ActionsJsonContext.Default.RequestEnvelopeManagedUrlRequest,
                ActionsJsonContext.Default.ResponseEnvelopeManagedUrl, target, cancellationToken, UrlsOperations.ExistsCode).ConfigureAwait(false);
        }
        catch (MimecastOutcomeUnknownException unknown)
        {
            IReadOnlyList<ManagedUrl> found;
            try
            {
                found = await FindAsync(request.Url, cancellationToken).ConfigureAwait(false);
            }
            catch (MimecastApiException)
            {
                throw unknown;
            }

            var checkedResult = Classify(found, request, ManagedUrlCreateOutcome.CreatedVerified, ManagedUrlCreateOutcome.NotCreated);
            _transport.AuditChecked(operation, target, checkedResult.Outcome switch
            {
                ManagedUrlCreateOutcome.CreatedVerified => MimecastTransport.Succeeded,
                ManagedUrlCreateOutcome.NotCreated => "not_applied",
                _ => "conflict",
            }, "re-reading get-all-managed-urls with exactMatch");
            return checkedResult;
        }

        var errors = FailItems.Flatten(envelope.Fail);
        if (errors.Count == 0)
        {
            return new ManagedUrlCreateResult(ManagedUrlCreateOutcome.Created, envelope.Data?.FirstOrDefault());
        }

        if (!errors.Exists(static e => string.Equals(e.Code, UrlsOperations.ExistsCode, StringComparison.OrdinalIgnoreCase)))
        {
            throw MimecastTransport.Refused(operation, errors, requestId);
        }

        // "Already exists": the desired state holds only if the entry has the same action (and match type when asked).
        var existing = await FindAsync(request.Url, cancellationToken).ConfigureAwait(false);
        return Classify(existing, request, ManagedUrlCreateOutcome.AlreadyExists, ManagedUrlCreateOutcome.Conflict);
    }

    /// <inheritdoc />
    public async Task<MimecastDeleteOutcome> DeleteManagedUrlAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var (envelope, requestId) = await _transport.CallEnvelopeAsync(UrlsOperations.DeleteManaged, new IdData { Id = id }, ActionsJsonContext.Default.RequestEnvelopeIdData,
            ActionsJsonContext.Default.ResponseEnvelopeJsonElement, id, cancellationToken, UrlsOperations.NotFoundCode).ConfigureAwait(false);
        var errors = FailItems.Flatten(envelope.Fail);
        if (errors.Count == 0)
        {
            return MimecastDeleteOutcome.Deleted;
        }

        return errors.TrueForAll(static e => string.Equals(e.Code, UrlsOperations.NotFoundCode, StringComparison.OrdinalIgnoreCase))
            ? MimecastDeleteOutcome.AlreadyAbsent
            : throw MimecastTransport.Refused(UrlsOperations.DeleteManaged, errors, requestId);
    }

    private static ManagedUrlCreateResult Classify(IReadOnlyList<ManagedUrl> found, ManagedUrlRequest request, ManagedUrlCreateOutcome same, ManagedUrlCreateOutcome none)
    {
        var match = found.FirstOrDefault(e => string.Equals(e.Action, request.Action, StringComparison.OrdinalIgnoreCase)
            && (request.MatchType is null || string.Equals(e.MatchType, request.MatchType, StringComparison.OrdinalIgnoreCase)));
        return match is not null ? new(same, match)
            : found.Count == 0 && none == ManagedUrlCreateOutcome.NotCreated ? new(none, null)
            : new(ManagedUrlCreateOutcome.Conflict, found.Count > 0 ? found[0] : null);
    }

    private async Task<IReadOnlyList<ManagedUrl>> FindAsync(string url, CancellationToken cancellationToken)
    {
        var found = new List<ManagedUrl>();
        await foreach (var entry in GetManagedUrlsAsync(new ManagedUrlQuery { DomainOrUrl = url, ExactMatch = true }, cancellationToken).ConfigureAwait(false))
        {
            found.Add(entry);
        }

        return found;
    }
}
