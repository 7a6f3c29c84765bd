using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Mimecast.Sdk.Testing;

/// <summary>A REST-cursor request as the family sees it: the caller's SIEM state, the query, the checked page size and the cursor.</summary>
internal readonly record struct RestCursorRequest(Exchange Ex, SiemAccountState Account, IQueryCollection Query, int PageSize, string? Cursor);

/// <summary>What a family answers a REST-cursor request: a page (its values, the next cursor, caught up or not) or an HTTP 400 error.</summary>
internal sealed class RestCursorPage
{
    public RestCursorPage(int count, Action<Utf8JsonWriter> writeValues, string nextPage, bool caughtUp)
    {
        Count = count;
        WriteValues = writeValues;
        NextPage = nextPage;
        CaughtUp = caughtUp;
    }

    private RestCursorPage(string code, string message)
    {
        ErrorCode = code;
        ErrorMessage = message;
        WriteValues = _ => { };
        NextPage = string.Empty;
    }

    public int Count { get; }

    public Action<Utf8JsonWriter> WriteValues { get; }

    public string NextPage { get; }

    public bool CaughtUp { get; }

    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    public static RestCursorPage Failed(string code, string message) => new(code, message);
}

/// <summary>
/// The kit's REST-cursor endpoint, the SIEM shape: a <c>GET</c> answering <c>{"value":[…],"@nextPage":"…",
/// "isCaughtUp":bool}</c> (the stream adds <c>@nextLink</c> and <c>pageSize</c>). It composes the caller's bearer token,
/// the endpoint's own quota and faults (<see cref="SiemGate"/>), the <c>pageSize</c> check (1 to the maximum, else HTTP 400)
/// and the <c>nextPage</c> cursor; the family (<paramref name="serve"/>) validates its filters and walks its records.
/// </summary>
internal sealed class RestCursorEndpoint(SiemCore siem, SiemGate gate, string path, SiemQuota quota, int maxPageSize, bool streamShape, Func<RestCursorRequest, RestCursorPage> serve)
{
    public SimulatorRoute Route => new(HttpMethods.Get, path, ServeAsync, "value");

    /// <summary>The last value of a query parameter, or null when absent or empty.</summary>
    public static string? Single(IQueryCollection query, string name)
    {
        StringValues v = query[name];
        return v.Count == 0 || string.IsNullOrEmpty(v[^1]) ? null : v[^1];
    }

    private async Task ServeAsync(Exchange ex)
    {
        SiemAccountState? s = await gate.EnterAsync(ex, quota).ConfigureAwait(false);
        if (s is null)
        {
            return;
        }

        IQueryCollection query = ex.Http.Request.Query;
        int pageSize = maxPageSize;
        if (Single(query, "pageSize") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > maxPageSize)
            {
                await gate.ErrorAsync(ex, s, quota, 400, SimulatorSiemErrorCodes.InvalidPageSize, string.Create(CultureInfo.InvariantCulture, $"pageSize must be an integer from 1 to {maxPageSize}")).ConfigureAwait(false);
                return;
            }

            ex.PageSize = pageSize;
        }

        string? cursor = Single(query, "nextPage");
        ex.PageToken = cursor;
        RestCursorPage page = serve(new RestCursorRequest(ex, s, query, pageSize, cursor));
        if (page.ErrorCode is { } code)
        {
            await gate.ErrorAsync(ex, s, quota, 400, code, page.ErrorMessage!).ConfigureAwait(false);
            return;
        }

        ex.PageSize = pageSize;
        ex.RecordCount = page.Count;
        byte[] body = JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            page.WriteValues(w);
            w.WriteEndArray();
            w.WriteString("@nextPage", page.NextPage);
            if (streamShape)
            {
                w.WriteString("@nextLink", string.Concat(siem.Core.PublicApiUrl, path, "?nextPage=", Uri.EscapeDataString(page.NextPage)));
                w.WriteNumber("pageSize", page.Count);
            }

            w.WriteBoolean("isCaughtUp", page.CaughtUp);
            w.WriteEndObject();
        });
        await gate.RespondAsync(ex, s, quota, 200, body).ConfigureAwait(false);
    }
}
