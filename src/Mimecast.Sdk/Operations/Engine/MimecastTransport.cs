using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// The envelope engine every sub-client shares: the credential guards, the <c>{"meta","data"}</c> request, the one
/// page-size rule, page construction, <c>fail</c>/<c>meta.status</c> mapping, the REST twin of the SIEM paths, bulk
/// items, and the one instrumented send. An operation is a descriptor (<see cref="MimecastOperation"/>) plus a few lines.
/// </summary>
internal sealed partial class MimecastTransport
{
    private static readonly MimecastPagingOptions DefaultPaging = new();

    internal MimecastTransport(string name, MimecastClientContextProvider contexts, IHttpClientFactory httpClientFactory, MimecastTelemetry telemetry, ILogger logger,
        CallPacerRegistry pacers)
    {
        Name = name;
        Contexts = contexts;
        HttpClientFactory = httpClientFactory;
        Telemetry = telemetry;
        Logger = logger;
        Pacers = pacers;
    }

    internal string Name { get; }

    internal MimecastClientContextProvider Contexts { get; }

    internal IHttpClientFactory HttpClientFactory { get; }

    internal MimecastTelemetry Telemetry { get; }

    internal ILogger Logger { get; }

    internal CallPacerRegistry Pacers { get; }

    internal TimeProvider TimeProvider => Contexts.TimeProvider;

    /// <summary>
    /// The credential guard of a data call: the customer's context and authenticator, refused before sending when the
    /// client has no data credentials or its generation is not one the operation runs on.
    /// </summary>
    internal (MimecastClientContext Context, IMimecastAuth Auth) DataContext(MimecastOperation operation)
    {
        var context = Contexts.Get(Name);
        var auth = context.Auth ?? throw new MimecastAuthenticationException(
            $"Mimecast client '{Name}' has no credentials for data calls: configure Api1 (with AccessKey and SecretKey) or Api2.",
            null, null, null, operation.Path);
        var generation = auth.Generation == MimecastApiGeneration.Api2 ? OperationGenerations.Api2 : OperationGenerations.Api1;
        if ((operation.Generations & generation) == 0)
        {
            throw new MimecastAuthenticationException(
                operation.Generations == OperationGenerations.Api2
                    ? $"Mimecast {operation.Name} is an API 2.0 operation: configure Mimecast:Api2 (client id and secret) for client '{Name}'."
                    : $"Mimecast {operation.Name} is an API 1.0 operation: configure Mimecast:Api1 (with AccessKey and SecretKey) for client '{Name}'.",
                null, null, null, operation.Path);
        }

        return (context, auth);
    }

    /// <summary>
    /// The one page-size rule of every listing: the <c>AsPages</c> hint, else the query's page size, else the client's
    /// <see cref="MimecastClientOptions.DefaultPageSize"/>, else the operation's default; clamped to the operation's maximum.
    /// </summary>
    internal static int PageSize(MimecastOperation operation, int? pageSizeHint, int? queryPageSize, MimecastClientOptions? options)
    {
        var size = pageSizeHint ?? queryPageSize ?? options?.DefaultPageSize ?? operation.DefaultPageSize;
        return Math.Clamp(size, 1, operation.MaxPageSize);
    }

    /// <summary>The one page loop over <paramref name="fetchPage"/>, with the client's paging options read at each enumeration.</summary>
    internal MimecastPageable<T> Pageable<T>(Func<string?, int?, CancellationToken, Task<MimecastPage<T>>> fetchPage, CancellationToken cancellationToken,
        bool readAhead = true) =>
        new FetchingPageable<T>(fetchPage, DefaultPaging, TimeProvider, () => PagingOptions(readAhead), cancellationToken);

    /// <summary>
    /// One page of a <c>{"meta","data"}</c> listing: the same data item with every token (a <see langword="null"/> item
    /// sends <c>"data":[]</c>, Mimecast's "no filter"), the page size from the one
    /// rule, the records selected from every <c>data</c> entry.
    /// </summary>
    internal async Task<MimecastPage<TItem>> GetPageAsync<TRequest, TData, TItem>(MimecastOperation operation, TRequest data, int? queryPageSize, string? pageToken,
        int? pageSizeHint, JsonTypeInfo<RequestEnvelope<TRequest>> requestInfo, JsonTypeInfo<ResponseEnvelope<TData>> responseInfo,
        Func<TData, IEnumerable<TItem>?> select, CancellationToken cancellationToken)
    {
        var (context, auth) = DataContext(operation);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<TRequest>
            {
                Meta = new RequestMeta
                {
                    Pagination = new RequestPagination
                    {
                        PageSize = PageSize(operation, pageSizeHint, queryPageSize, context.Options),
                        PageToken = string.IsNullOrEmpty(pageToken) ? null : pageToken,
                    },
                },
                Data = data is null ? [] : [data],
            },
            requestInfo);
        var (envelope, state) = await SendAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, body, responseInfo, cancellationToken)
            .ConfigureAwait(false);

        var items = new List<TItem>();
        foreach (var entry in envelope.Data ?? [])
        {
            if (entry is not null && select(entry) is { } list)
            {
                foreach (var item in list)
                {
                    if (item is not null)
                    {
                        items.Add(item);
                    }
                }
            }
        }

        var pagination = envelope.Meta?.Pagination;
        return new MimecastPage<TItem>(items, pagination?.Next)
        {
            TotalCount = pagination?.TotalCount,
            RequestId = state.LastRequestId,
            RateLimit = state.LastRateLimit,
        };
    }

    /// <summary>A single-result data call: the envelope with <paramref name="data"/>, the first <c>data</c> entry back.</summary>
    /// <remarks>For a write, <paramref name="target"/> names what it acts on in the audit trail and in an unknown-outcome report (never a secret).</remarks>
    internal async Task<TResult> CallAsync<TRequest, TResult>(MimecastOperation operation, TRequest data, JsonTypeInfo<RequestEnvelope<TRequest>> requestInfo,
        JsonTypeInfo<ResponseEnvelope<TResult>> responseInfo, CancellationToken cancellationToken, string? target = null)
        where TResult : class =>
        First(await CallManyAsync(operation, [data], requestInfo, responseInfo, cancellationToken, target).ConfigureAwait(false), operation);

    /// <summary>
    /// A single call whose answer the family reads itself: the envelope with <paramref name="data"/> (no item when
    /// <see langword="null"/>), the whole answer back with its <c>fail</c> entries as results (not thrown), and the
    /// request id. HTTP errors and a <c>meta.status</c> failure with an empty <c>fail</c> still throw, as does an unknown
    /// outcome of a non-idempotent write. <paramref name="target"/> names what a write acts on (audit trail, unknown-outcome report);
    /// a <c>fail</c> with <paramref name="alreadyDoneCode"/> ("already exists", "not found" on a delete) is audited as succeeded.
    /// </summary>
    internal async Task<(ResponseEnvelope<TData> Envelope, string? RequestId)> CallEnvelopeAsync<TRequest, TData>(MimecastOperation operation, TRequest? data,
        JsonTypeInfo<RequestEnvelope<TRequest>> requestInfo, JsonTypeInfo<ResponseEnvelope<TData>> responseInfo, string? target, CancellationToken cancellationToken,
        string? alreadyDoneCode = null)
    {
        var (context, auth) = DataContext(operation);
        var body = JsonSerializer.SerializeToUtf8Bytes(new RequestEnvelope<TRequest> { Data = data is null ? [] : [data] }, requestInfo);
        var (envelope, state) = await SendInstrumentedAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, HttpMethod.Post, operation.Path, body,
            async (response, s, ct) =>
            {
                var answer = await ReadAsync(response, s, responseInfo, ct, perItemFail: true).ConfigureAwait(false);
                var errors = FailItems.Flatten(answer.Fail);
                if (errors.Count > 0 && !errors.TrueForAll(e => string.Equals(e.Code, alreadyDoneCode, StringComparison.OrdinalIgnoreCase)))
                {
                    s.ItemOutcomes = (0, 1, 0);
                }

                return answer;
            }, cancellationToken, target is null ? null : [target]).ConfigureAwait(false);
        return (envelope, state.LastRequestId);
    }

    /// <summary>The exception for <c>fail</c> entries a family does not map to an outcome of its own.</summary>
    internal static MimecastApiException Refused(MimecastOperation operation, List<MimecastError> errors, string? requestId) =>
        new(MimecastApiException.Describe($"Mimecast refused {operation.Name}", operation.Path, System.Net.HttpStatusCode.OK, null, errors, requestId),
            System.Net.HttpStatusCode.OK, errors, requestId, operation.Path);

    /// <summary>A data call whose answer is a list: the envelope with <paramref name="data"/> (possibly no item), every <c>data</c> entry back.</summary>
    internal async Task<IReadOnlyList<TResult>> CallAllAsync<TRequest, TResult>(MimecastOperation operation, TRequest[] data, JsonTypeInfo<RequestEnvelope<TRequest>> requestInfo,
        JsonTypeInfo<ResponseEnvelope<TResult>> responseInfo, CancellationToken cancellationToken)
        where TResult : class
    {
        var envelope = await CallManyAsync(operation, data, requestInfo, responseInfo, cancellationToken).ConfigureAwait(false);
        return [.. (envelope.Data ?? []).OfType<TResult>()];
    }

    /// <summary>
    /// An unpaged data call with any number of <c>data</c> items (none for calls such as <c>get-account</c>): the whole
    /// answer envelope, for calls whose <c>data</c> holds several entries or whose result sits in more than one place.
    /// For a write, <paramref name="target"/> names what it acts on in the audit trail and in an unknown-outcome report.
    /// </summary>
    internal async Task<ResponseEnvelope<TResult>> CallManyAsync<TRequest, TResult>(MimecastOperation operation, TRequest[] data,
        JsonTypeInfo<RequestEnvelope<TRequest>> requestInfo, JsonTypeInfo<ResponseEnvelope<TResult>> responseInfo, CancellationToken cancellationToken,
        string? target = null)
    {
        var (context, auth) = DataContext(operation);
        var body = JsonSerializer.SerializeToUtf8Bytes(new RequestEnvelope<TRequest> { Data = data }, requestInfo);
        var (envelope, _) = await SendAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, body, responseInfo, cancellationToken,
            target is null ? null : [target]).ConfigureAwait(false);
        return envelope;
    }

    private MimecastPagingOptions PagingOptions(bool readAhead)
    {
        var options = Contexts.Get(Name).Options.Paging ?? DefaultPaging;
        if (readAhead || !options.ReadAhead)
        {
            return options;
        }

        var sequential = options.Clone();
        sequential.ReadAhead = false;
        return sequential;
    }
}
