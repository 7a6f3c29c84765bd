using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The remediation family: a non-idempotent create verified by a lookup when its answer is lost, and three reads.</summary>
internal sealed class RemediationClient : IRemediationClient
{
    private readonly MimecastTransport _transport;

    // Which documented find-incidents shape this client's Mimecast accepted last (0: the object shape, 1: the arrays).
    private int _findShape;

    internal RemediationClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public async Task<RemediationIncident> CreateIncidentAsync(RemediationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = new RemediationCreateWire
        {
            Reason = request.Reason,
            SearchBy = request.SearchBy,
            HashOrMessageId = request.SearchBy == "url" ? null : request.Value,
            Url = request.SearchBy == "url" ? request.Value : null,
            Start = request.Start,
            End = request.End,
        };
        var sentAt = _transport.TimeProvider.GetUtcNow();
        try
        {
            return await _transport.CallAsync(RemediationOperations.Create, wire, RemediationJsonContext.Default.RequestEnvelopeRemediationCreateWire,
                RemediationJsonContext.Default.ResponseEnvelopeRemediationIncident, cancellationToken).ConfigureAwait(false);
        }
        catch (MimecastOutcomeUnknownException unknown)
        {
            return await VerifyAsync(request, sentAt, unknown, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<MimecastBulkResult<string, RemediationIncident>> GetIncidentsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Every incident id must be non-empty.", nameof(ids));
        }

        return _transport.SendBulkAsync(
            new BulkOperation<string, RemediationIdData, RemediationIncident, RemediationIncident>
            {
                Operation = RemediationOperations.GetIncident,
                ToWire = static id => new RemediationIdData { Id = id },
                RequestInfo = RemediationJsonContext.Default.RequestEnvelopeRemediationIdData,
                ResponseInfo = RemediationJsonContext.Default.ResponseEnvelopeRemediationIncident,
                DataMatches = static (incident, id) => string.Equals(incident.Id, id, StringComparison.Ordinal),
                ToResult = static incident => incident,
                KeyMatches = static (key, id) => key.ValueKind == JsonValueKind.Object && key.TryGetProperty("id", out var k)
                    && k.ValueKind == JsonValueKind.String && string.Equals(k.GetString(), id, StringComparison.Ordinal),
                Describe = static id => id,
            },
            ids,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RemediationIncident>> FindIncidentsAsync(RemediationIncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Start is null && query.End is null && query.SearchValue is null && query.Types is not { Count: > 0 })
        {
            throw new ArgumentException("find-incidents needs at least one of Start, End, SearchValue or Types.", nameof(query));
        }

        if (query.SearchField is not null && string.IsNullOrEmpty(query.SearchValue))
        {
            throw new ArgumentException("A SearchField needs a SearchValue.", nameof(query));
        }

        var shape = Volatile.Read(ref _findShape);
        try
        {
            return await FindAsync(query, shape, cancellationToken).ConfigureAwait(false);
        }
        catch (MimecastApiException e) when (RemediationOperations.RefusedShape(e))
        {
            var other = 1 - shape;
            var found = await FindAsync(query, other, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _findShape, other);
            return found;
        }
    }

    /// <inheritdoc />
    public async Task<RemediationHashSearchResult> SearchHashesAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Every hash must be non-empty.", nameof(hashes));
        }

        var statuses = new List<RemediationHashStatus>(hashes.Count);
        var failed = new List<string>();
        foreach (var chunk in HashChunks(hashes))
        {
            var data = await _transport.CallAsync(RemediationOperations.SearchHash, new HashesWire { Hashes = chunk }, RemediationJsonContext.Default.RequestEnvelopeHashesWire,
                RemediationJsonContext.Default.ResponseEnvelopeHashSearchData, cancellationToken).ConfigureAwait(false);
            statuses.AddRange((data.HashStatus ?? []).Where(static s => s is not null));
            failed.AddRange((data.FailedHashes ?? []).Select(FailedHash).OfType<string>());
        }

        return new RemediationHashSearchResult(statuses, failed);
    }

    /// <summary>Chunks of at most 20 hashes whose request body stays under 2048 bytes.</summary>
    internal static IEnumerable<List<string>> HashChunks(IReadOnlyList<string> hashes)
    {
        const int envelope = 24; // {"data":[{"hashes":[]}]}
        var chunk = new List<string>();
        var bytes = envelope;
        foreach (var hash in hashes)
        {
            var cost = Encoding.UTF8.GetByteCount(hash) + 3; // quotes and comma
            if (chunk.Count > 0 && (chunk.Count == RemediationOperations.SearchHash.MaxItemsPerCall || bytes + cost > RemediationOperations.SearchHashMaxBodyBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = envelope;
            }

            chunk.Add(hash);
            bytes += cost;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    // failedHashes: strings, or objects carrying the hash (the shape is not documented).
    private static string? FailedHash(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object when e.TryGetProperty("hash", out var h) && h.ValueKind == JsonValueKind.String => h.GetString(),
        JsonValueKind.Object or JsonValueKind.Array => e.GetRawText(),
        _ => null,
    };

    private async Task<IReadOnlyList<RemediationIncident>> FindAsync(RemediationIncidentQuery query, int shape, CancellationToken cancellationToken)
    {
        var envelope = shape == 0
            ? await _transport.CallManyAsync(RemediationOperations.FindIncidents, [RemediationOperations.ObjectShape(query)],
                RemediationJsonContext.Default.RequestEnvelopeFindIncidentsObjectWire, RemediationJsonContext.Default.ResponseEnvelopeJsonElement, cancellationToken).ConfigureAwait(false)
            : await _transport.CallManyAsync(RemediationOperations.FindIncidents, [RemediationOperations.ArrayShape(query)],
                RemediationJsonContext.Default.RequestEnvelopeFindIncidentsArrayWire, RemediationJsonContext.Default.ResponseEnvelopeJsonElement, cancellationToken).ConfigureAwait(false);

        // data[0].incidents[] (what R7's type names suggest) or the incidents directly in data[]: both are accepted.
        var incidents = new List<RemediationIncident>();
        foreach (var entry in envelope.Data ?? [])
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (entry.TryGetProperty("incidents", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                incidents.AddRange(list.EnumerateArray().Where(static i => i.ValueKind == JsonValueKind.Object)
                    .Select(static i => i.Deserialize(RemediationJsonContext.Default.RemediationIncident)).OfType<RemediationIncident>());
            }
            else if (entry.Deserialize(RemediationJsonContext.Default.RemediationIncident) is { } incident)
            {
                incidents.Add(incident);
            }
        }

        return incidents;
    }

    private async Task<RemediationIncident> VerifyAsync(RemediationRequest request, DateTimeOffset sentAt, MimecastOutcomeUnknownException unknown, CancellationToken cancellationToken)
    {
        var slack = RemediationOperations.VerifySlack;
        IReadOnlyList<RemediationIncident> found;
        try
        {
            found = await FindIncidentsAsync(
                new RemediationIncidentQuery { Start = sentAt - slack, End = _transport.TimeProvider.GetUtcNow() + slack, SearchField = "reason", SearchValue = request.Reason },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MimecastApiException)
        {
            ExceptionDispatchInfo.Throw(unknown);
            throw;
        }

        var matches = found.Where(i => string.Equals(i.Reason, request.Reason, StringComparison.Ordinal) && (i.Created is not { } created || created >= sentAt - slack)).ToList();
        var operation = RemediationOperations.Create;
        return matches switch
        {
            [var one] => one,
            [] => throw new MimecastNotExecutedException(
                $"The answer to {operation.Path} ({request}) was lost, and find-incidents right after found no incident with its reason: it was not created and may be sent again.",
                operation.Name, unknown.StatusCode, unknown.RequestId, operation.Path, unknown),
            _ => throw new MimecastOutcomeUnknownException(
                $"The answer to {operation.Path} ({request}) was lost, and find-incidents found {matches.Count} incidents with its reason: the SDK cannot tell which, if any, this call created.",
                operation.Name,
                $"Several incidents have this reason ({string.Join(", ", matches.Select(static m => m.Code ?? m.Id))}): check them in the Administration Console before creating it again, and give each incident a unique reason.",
                [request.ToString()], unknown.StatusCode, unknown.RequestId, operation.Path, unknown),
        };
    }
}
