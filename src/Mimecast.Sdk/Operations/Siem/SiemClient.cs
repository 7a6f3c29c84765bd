using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// SIEM events: the stream (GET /siem/v1/events/cg) and the batch listing (GET /siem/v1/batch/events/cg), through the
// engine's REST twin; both listings walk with the SDK's one page loop.
internal sealed partial class SiemClient : ISiemClient
{
    private readonly MimecastTransport _transport;

    internal SiemClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public async IAsyncEnumerable<SiemEvent> GetEventsAsync(SiemEventQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new SiemEventQuery();
        var pageSize = SiemPageSize(SiemOperations.Stream, query.PageSize, nameof(query));
        foreach (var types in TypeGroups(query.Types, _transport.Contexts.Get(_transport.Name).Options.Siem.Wire))
        {
            await foreach (var item in ReadStreamAsync(types, query, pageSize, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc />
    public Task<SiemEventPage> GetEventsPageAsync(SiemEventQuery? query, string? nextPage, CancellationToken cancellationToken = default)
    {
        query ??= new SiemEventQuery();
        var groups = TypeGroups(query.Types, _transport.Contexts.Get(_transport.Name).Options.Siem.Wire);
        if (groups.Count > 1)
        {
            throw new ArgumentException("A SIEM page call reads one event type (or every type): request one type per cursor, or use GetEventsAsync for several.", nameof(query));
        }

        return GetEventsPageCoreAsync(groups[0], query, SiemPageSize(SiemOperations.Stream, query.PageSize, nameof(query)), nextPage, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SiemBatchPage> GetBatchPageAsync(SiemBatchQuery query, string? nextPage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = SiemPageSize(SiemOperations.BatchList, query.PageSize, nameof(query));
        if (query.StartDate is { } s && query.EndDate is { } e && e < s)
        {
            throw new ArgumentException("The SIEM batch query's EndDate is before its StartDate.", nameof(query));
        }

        var (context, auth) = _transport.DataContext(SiemOperations.BatchList);
        var url = new StringBuilder(SiemWireFacts.BatchPath).Append("?type=").Append(Uri.EscapeDataString(query.Type.Value));
        if (nextPage is null || context.Options.Siem.Wire.BatchResendDatesWithNextPage)
        {
            AppendParameter(url, "dateRangeStartsAt", query.StartDate?.ToString(SiemWireFacts.BatchDateFormat, CultureInfo.InvariantCulture));
            AppendParameter(url, "dateRangeEndsAt", query.EndDate?.ToString(SiemWireFacts.BatchDateFormat, CultureInfo.InvariantCulture));
        }

        AppendParameter(url, "pageSize", pageSize.ToString(CultureInfo.InvariantCulture));
        AppendParameter(url, "nextPage", string.IsNullOrEmpty(nextPage) ? null : nextPage);

        await _transport.PaceAsync(SiemOperations.BatchList, context, auth, context.Options.Siem.BatchListPacing, cancellationToken).ConfigureAwait(false);
        var (body, state) = await _transport.GetRestAsync(SiemOperations.BatchList, context, auth, url.ToString(), !string.IsNullOrEmpty(nextPage),
            LogSourcesJsonContext.Default.SiemBatchResponse, cancellationToken).ConfigureAwait(false);

        var files = new List<SiemBatchFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in body.Value ?? [])
        {
            if (entry?.Url is not { Length: > 0 } text || !Uri.TryCreate(text, UriKind.Absolute, out var fileUrl))
            {
                // Never skip silently: a listed file without a usable URL cannot be read, so the page cannot be completed.
                throw new MimecastInvalidResponseException(
                    MimecastApiException.Describe("Mimecast listed a SIEM batch file without a valid URL", SiemWireFacts.BatchPath, HttpStatusCode.OK, null, [], state.LastRequestId),
                    HttpStatusCode.OK, state.LastRequestId, SiemWireFacts.BatchPath);
            }

            var file = new SiemBatchFile(fileUrl, entry.Size, ReadExpiry(entry.Expiry));
            if (seen.Add(file.Name))
            {
                files.Add(file);
            }
        }

        return new SiemBatchPage(query, string.IsNullOrEmpty(nextPage) ? null : nextPage, files, body.NextPage, body.IsCaughtUp ?? false) { RequestId = state.LastRequestId };
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SiemEvent> ReadBatchFilesAsync(SiemBatchPage page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var options = _transport.Contexts.Get(_transport.Name).Options.Siem;
        return new SiemBatchReader(page, options, _transport.HttpClientFactory, (p, ct) => GetBatchPageAsync(p.Query, p.RequestCursor, ct),
            _transport.TimeProvider, _transport.Telemetry, _transport.Logger).ReadAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SiemEvent> GetBatchEventsAsync(SiemBatchQuery query, string? nextPage = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // The one page loop (paging guards, cancellation), one listing at a time: a page's files are read before the
        // next page is listed, so an expired link can still be re-listed from the page's own cursor.
        var pages = _transport.Pageable<SiemBatchPage>(async (cursor, _, ct) =>
        {
            var page = await GetBatchPageAsync(query, cursor, ct).ConfigureAwait(false);
            var done = page.IsCaughtUp || page.NextPage is null || page.Files.Count == 0 || string.Equals(page.NextPage, cursor, StringComparison.Ordinal);
            return new MimecastPage<SiemBatchPage>([page], done ? null : page.NextPage) { RequestId = page.RequestId };
        }, cancellationToken, readAhead: false);

        await foreach (var listing in pages.AsPages(nextPage).ConfigureAwait(false))
        {
            await foreach (var item in ReadBatchFilesAsync(listing.Items[0], cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    private async Task<SiemEventPage> GetEventsPageCoreAsync(string? types, SiemEventQuery query, int pageSize, string? nextPage, CancellationToken cancellationToken)
    {
        if (query.Start is { } s && query.End is { } e && e < s)
        {
            throw new ArgumentException("The SIEM event query's End is before its Start.", nameof(query));
        }

        var (context, auth) = _transport.DataContext(SiemOperations.Stream);
        var url = new StringBuilder(SiemWireFacts.StreamPath).Append("?pageSize=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        AppendParameter(url, "types", types);
        if (string.IsNullOrEmpty(nextPage) || SiemWireFacts.StreamResendDatesWithNextPage)
        {
            AppendParameter(url, "dateRangeStartsAt", query.Start?.ToUniversalTime().ToString(SiemWireFacts.StreamDateFormat, CultureInfo.InvariantCulture));
            AppendParameter(url, "dateRangeEndsAt", query.End?.ToUniversalTime().ToString(SiemWireFacts.StreamDateFormat, CultureInfo.InvariantCulture));
        }

        AppendParameter(url, "nextPage", string.IsNullOrEmpty(nextPage) ? null : nextPage);
        await _transport.PaceAsync(SiemOperations.Stream, context, auth, context.Options.Siem.StreamPacing, cancellationToken).ConfigureAwait(false);
        var (body, state) = await _transport.GetRestAsync(SiemOperations.Stream, context, auth, url.ToString(), !string.IsNullOrEmpty(nextPage),
            LogSourcesJsonContext.Default.SiemEventsResponse, cancellationToken).ConfigureAwait(false);
        var events = new List<SiemEvent>(body.Value?.Count ?? 0);
        foreach (var item in body.Value ?? [])
        {
            if (item is not null)
            {
                events.Add(item);
            }
        }

        return new SiemEventPage(events, body.NextPage, body.IsCaughtUp ?? false) { RequestId = state.LastRequestId };
    }

    private static List<string?> TypeGroups(IList<SiemEventType>? types, SiemWireChoices wire)
    {
        var distinct = types?.Where(static t => t.Value.Length > 0).Distinct().Select(static t => t.Value).ToList() ?? [];
        if (distinct.Count == 0)
        {
            return [null];
        }

        return wire.CommaSeparatedTypes ? [string.Join(',', distinct)] : distinct.ConvertAll(static t => (string?)t);
    }

    // The engine's one page-size rule; a page size below 1 is the caller's mistake, one above 100 is clamped.
    private int SiemPageSize(MimecastOperation operation, int? requested, string parameter) =>
        requested is < 1
            ? throw new ArgumentOutOfRangeException(parameter, requested, $"A SIEM page size is 1–{SiemWireFacts.MaxSiemPageSize}.")
            : MimecastTransport.PageSize(operation, null, requested, _transport.Contexts.Get(_transport.Name).Options);

    private static void AppendParameter(StringBuilder url, string name, string? value)
    {
        if (value is not null)
        {
            url.Append(url.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static DateTimeOffset? ReadExpiry(System.Text.Json.JsonElement? expiry) =>
        expiry is { ValueKind: System.Text.Json.JsonValueKind.String } text && MimecastDateTimeConverter.TryParse(text.GetString(), out var value) ? value : null;
}
