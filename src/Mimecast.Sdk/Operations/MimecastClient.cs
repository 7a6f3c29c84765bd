using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.DependencyInjection;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The Mimecast client of one named registration. Operations build the request envelope, send it through the
/// handler pipeline (retry → rate limit → auth) and turn the response envelope into typed results or exceptions.
/// </summary>
public sealed partial class MimecastClient : IMimecastClient
{
    private static readonly MimecastPagingOptions DefaultPaging = new();

    private readonly MimecastClientContextProvider _contexts;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly MimecastTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly CallPacerRegistry _pacers;

    internal MimecastClient(string name, MimecastClientContextProvider contexts, IHttpClientFactory httpClientFactory, MimecastTelemetry telemetry, ILogger<MimecastClient> logger,
        CallPacerRegistry pacers)
    {
        Name = name;
        _pacers = pacers;
        _contexts = contexts;
        _httpClientFactory = httpClientFactory;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task<MimecastAuthenticationInfo> DiscoverAuthenticationAsync(string emailAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailAddress);
        var context = _contexts.Get(Name);
        var auth = MimecastLoginAuth.ForDiscovery(context.Options.Api1?.AppId, emailAddress, _contexts.TimeProvider);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<EmailAddressData> { Data = [new EmailAddressData { EmailAddress = emailAddress }] },
            MimecastJsonContext.Default.RequestEnvelopeEmailAddressData);
        var (envelope, _) = await SendAsync(MimecastOperation.DiscoverAuthentication, context, context.Options.ResolveDiscoveryUrl(), auth,
            _contexts.BucketFor(context, auth), body, MimecastJsonContext.Default.ResponseEnvelopeMimecastAuthenticationInfo, cancellationToken).ConfigureAwait(false);
        var info = First(envelope, MimecastOperation.DiscoverAuthentication);
        RememberDiscoveredHost(context, info);
        return info;
    }

    /// <inheritdoc />
    public Task<MimecastAccessKey> LoginAsync(MimecastUserCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return LoginCoreAsync(MimecastOperation.Login, credentials, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastAccessKey> RefreshTokenAsync(MimecastUserCredentials credentials, string accessKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKey);
        return LoginCoreAsync(MimecastOperation.RefreshToken, credentials, accessKey, cancellationToken);
    }

    /// <inheritdoc />
    public MimecastPageable<TtpUrlLog> GetTtpUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) =>
        Pageable<TtpUrlLog>((token, size, ct) => GetTtpUrlLogsPageCoreAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<TtpUrlLog>> GetTtpUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        GetTtpUrlLogsPageCoreAsync(query, pageToken, null, cancellationToken);

    private Task<MimecastPage<TtpUrlLog>> GetTtpUrlLogsPageCoreAsync(TtpUrlLogQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken) =>
        GetPageAsync(MimecastOperation.TtpUrlLogs, query ?? new TtpUrlLogQuery(), pageToken, pageSize,
            MimecastJsonContext.Default.RequestEnvelopeTtpUrlLogQuery, MimecastJsonContext.Default.ResponseEnvelopeUrlLogsData,
            static d => d.ClickLogs, cancellationToken);

    /// <inheritdoc />
    public MimecastPageable<TtpAttachmentLog> GetTtpAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) =>
        Pageable<TtpAttachmentLog>((token, size, ct) => GetTtpAttachmentLogsPageCoreAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<TtpAttachmentLog>> GetTtpAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        GetTtpAttachmentLogsPageCoreAsync(query, pageToken, null, cancellationToken);

    private Task<MimecastPage<TtpAttachmentLog>> GetTtpAttachmentLogsPageCoreAsync(TtpAttachmentLogQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken) =>
        GetPageAsync(MimecastOperation.TtpAttachmentLogs, query ?? new TtpAttachmentLogQuery(), pageToken, pageSize,
            MimecastJsonContext.Default.RequestEnvelopeTtpAttachmentLogQuery, MimecastJsonContext.Default.ResponseEnvelopeAttachmentLogsData,
            static d => d.AttachmentLogs, cancellationToken);

    /// <inheritdoc />
    public MimecastPageable<TtpImpersonationLog> GetTtpImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) =>
        Pageable<TtpImpersonationLog>((token, size, ct) => GetTtpImpersonationLogsPageCoreAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<TtpImpersonationLog>> GetTtpImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        GetTtpImpersonationLogsPageCoreAsync(query, pageToken, null, cancellationToken);

    private Task<MimecastPage<TtpImpersonationLog>> GetTtpImpersonationLogsPageCoreAsync(TtpImpersonationLogQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken) =>
        GetPageAsync(MimecastOperation.TtpImpersonationLogs, query ?? new TtpImpersonationLogQuery(), pageToken, pageSize,
            MimecastJsonContext.Default.RequestEnvelopeTtpImpersonationLogQuery, MimecastJsonContext.Default.ResponseEnvelopeImpersonationLogsData,
            static d => d.ImpersonationLogs, cancellationToken);

    /// <summary>Returns the client's name, never its credentials.</summary>
    public override string ToString() => $"MimecastClient({(Name.Length == 0 ? "default" : Name)})";

    private async Task<MimecastAccessKey> LoginCoreAsync(MimecastOperation operation, MimecastUserCredentials credentials, string? accessKey, CancellationToken cancellationToken)
    {
        var context = _contexts.Get(Name);
        _ = ResolveApi1Host(context, operation);
        var appId = context.Options.Api1?.AppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new InvalidOperationException($"Mimecast {operation.Name} needs the API 1.0 application id: set Mimecast:Api1:AppId for client '{Name}'.");
        }

        var auth = MimecastLoginAuth.ForLogin(appId, credentials, _contexts.TimeProvider);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<LoginData> { Data = [new LoginData { UserName = credentials.EmailAddress, AccessKey = accessKey }] },
            MimecastJsonContext.Default.RequestEnvelopeLoginData);
        var (envelope, _) = await SendAsync(operation, context, ResolveApi1Host(context, operation), auth, _contexts.BucketFor(context, auth),
            body, MimecastJsonContext.Default.ResponseEnvelopeMimecastAccessKey, cancellationToken).ConfigureAwait(false);
        return First(envelope, operation);
    }

    private MimecastPageable<T> Pageable<T>(Func<string?, int?, CancellationToken, Task<MimecastPage<T>>> fetchPage, CancellationToken cancellationToken) =>
        new FetchingPageable<T>(fetchPage, DefaultPaging, _contexts.TimeProvider, () => _contexts.Get(Name).Options.Paging ?? DefaultPaging, cancellationToken);

    private async Task<MimecastPage<TItem>> GetPageAsync<TQuery, TData, TItem>(MimecastOperation operation, TQuery query, string? pageToken, int? pageSizeHint,
        JsonTypeInfo<RequestEnvelope<TQuery>> requestInfo, JsonTypeInfo<ResponseEnvelope<TData>> responseInfo,
        Func<TData, List<TItem>?> select, CancellationToken cancellationToken)
        where TQuery : TtpLogQuery
    {
        var context = _contexts.Get(Name);
        var auth = context.Auth ?? throw new MimecastAuthenticationException(
            $"Mimecast client '{Name}' has no credentials for data calls: configure Api1 (with AccessKey and SecretKey) or Api2.",
            null, null, null, operation.Path);
        var pageSize = pageSizeHint ?? query.PageSize ?? context.Options.DefaultPageSize;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<TQuery>
            {
                Meta = new RequestMeta { Pagination = new RequestPagination { PageSize = pageSize, PageToken = string.IsNullOrEmpty(pageToken) ? null : pageToken } },
                Data = [query],
            },
            requestInfo);
        var (envelope, state) = await SendAsync(operation, context, context.Options.ResolveBaseUrl(), auth, context.Bucket!, body, responseInfo, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<TItem> items = [];
        if (envelope.Data is { Count: > 0 } data)
        {
            if (data.Count == 1)
            {
                items = (data[0] is { } single ? select(single) : null) ?? [];
            }
            else
            {
                var all = new List<TItem>();
                foreach (var entry in data)
                {
                    if (entry is not null && select(entry) is { } list)
                    {
                        all.AddRange(list);
                    }
                }

                items = all;
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

    private static async Task<ResponseEnvelope<T>> ReadAsync<T>(HttpResponseMessage response, MimecastRequestState state, JsonTypeInfo<ResponseEnvelope<T>> responseInfo, CancellationToken cancellationToken)
    {
        var path = state.Operation.Path;
        if (!response.IsSuccessStatusCode)
        {
            // Error bodies are read leniently (their data may have another shape, or be an HTML page) for the fail codes only.
            var errorEnvelope = await TryReadAsync(response, MimecastJsonContext.Default.ResponseEnvelopeJsonElement, cancellationToken).ConfigureAwait(false);
            throw CreateException(response.StatusCode, errorEnvelope.Envelope?.Meta?.Status, FailItems.Flatten(errorEnvelope.Envelope?.Fail), state);
        }

        var (envelope, error) = await TryReadAsync(response, responseInfo, cancellationToken).ConfigureAwait(false);
        if (envelope is null)
        {
            var what = error is null ? "Mimecast answered with an empty body" : "Mimecast answered with a body that is not a valid JSON envelope";
            throw new MimecastInvalidResponseException(
                MimecastApiException.Describe(what + $" (content type {response.Content.Headers.ContentType?.MediaType ?? "none"})", path, response.StatusCode, null, [], state.LastRequestId),
                response.StatusCode, state.LastRequestId, path, error);
        }

        var errors = FailItems.Flatten(envelope.Fail);
        var functionStatus = envelope.Meta?.Status;
        if (errors.Count > 0 || functionStatus is < 200 or > 299)
        {
            throw CreateException(response.StatusCode, functionStatus, errors, state);
        }

        return envelope;
    }

    private static async Task<(TEnvelope? Envelope, Exception? Error)> TryReadAsync<TEnvelope>(HttpResponseMessage response, JsonTypeInfo<TEnvelope> info, CancellationToken cancellationToken)
        where TEnvelope : class
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return (await JsonSerializer.DeserializeAsync(stream, info, cancellationToken).ConfigureAwait(false), null);
            }
        }
        catch (JsonException e)
        {
            return (null, e);
        }
        catch (HttpRequestException e)
        {
            // The connection dropped while the body was streaming.
            return (null, e);
        }
    }

    private static MimecastApiException CreateException(HttpStatusCode status, int? functionStatus, List<MimecastError> errors, MimecastRequestState state)
    {
        var path = state.Operation.Path;
        var requestId = state.LastRequestId;
        var effective = functionStatus is < 200 or > 299 ? functionStatus.Value : (int)status;
        bool Has(string code) => errors.Exists(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));

        if (effective == 418 || Has("err_xdk_binding_expired"))
        {
            return new MimecastBindingExpiredException(
                MimecastApiException.Describe("The Mimecast API 1.0 access key binding has expired: extend it with RefreshTokenAsync or log in again with LoginAsync", path, status, functionStatus, errors, requestId),
                status, errors, requestId, path) { FunctionStatus = functionStatus };
        }

        if (effective == 429)
        {
            var retryAfter = state.LastRateLimit?.Reset;
            return new MimecastRateLimitException(
                MimecastApiException.Describe($"The Mimecast quota stayed exhausted after {state.RateLimitResponses} rate-limited answer(s) and {state.RateLimitWait.TotalSeconds:0.###} s of waiting", path, status, functionStatus, errors, requestId),
                retryAfter, state.RateLimitWait, status, errors, requestId, path) { FunctionStatus = functionStatus };
        }

        if (effective == 401 || Has("token_expired") || Has("err_xdk_invalid_signature") || Has("err_developer_key"))
        {
            return new MimecastAuthenticationException(
                MimecastApiException.Describe("Mimecast refused the credentials", path, status, functionStatus, errors, requestId),
                status, errors, requestId, path) { FunctionStatus = functionStatus };
        }

        return new MimecastApiException(
            MimecastApiException.Describe("The Mimecast call failed" + MimecastTransportFault.NotRetriedNote(state.Operation, status), path, status, functionStatus, errors, requestId),
            status, errors, requestId, path) { FunctionStatus = functionStatus };
    }

    private static T First<T>(ResponseEnvelope<T> envelope, MimecastOperation operation)
        where T : class =>
        envelope.Data is { Count: > 0 } data && data[0] is { } first
            ? first
            : throw new MimecastInvalidResponseException($"Mimecast answered {operation.Path} successfully but without a result.", HttpStatusCode.OK, null, operation.Path);
}
