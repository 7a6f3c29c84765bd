using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>Raw HTTP to the SIEM endpoints (GET, bearer, query strings) and the batch file downloads (no credential).</summary>
internal static class SiemTestApi
{
    public const string Stream = "/siem/v1/events/cg";
    public const string Batch = "/siem/v1/batch/events/cg";
    public const string Audit = "/api/audit/get-audit-events";

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Query(params (string Name, string? Value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    /// <summary>A GET with a fresh bearer token (token requests take no quota).</summary>
    public static async Task<Reply> GetAsync(this TestApi api, string path, string query, string? token = null)
    {
        token ??= await api.NewTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/') + (query.Length > 0 ? "?" + query : string.Empty));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await api.SendAsync(request);
    }

    public static string? ErrorCode(this Reply reply) =>
        reply.Json.TryGetProperty("error", out JsonElement e) ? e.GetProperty("code").GetString() : null;

    public static string NextPage(this Reply reply) => reply.Json.GetProperty("@nextPage").GetString()!;

    public static bool CaughtUp(this Reply reply) => reply.Json.GetProperty("isCaughtUp").GetBoolean();

    public static JsonElement[] Values(this Reply reply) => reply.Json.GetProperty("value").EnumerateArray().Select(v => v.Clone()).ToArray();

    /// <summary>Follows <c>@nextPage</c> until <c>isCaughtUp</c> (bounded); returns the records and the last cursor.</summary>
    public static async Task<(List<JsonElement> Records, string Cursor, int Pages)> DrainAsync(this TestApi api, string path, Func<string?, string> query)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        for (int page = 1; page <= 500; page++)
        {
            using Reply reply = await api.GetAsync(path, query(cursor));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            all.AddRange(reply.Values());
            cursor = reply.NextPage();
            if (reply.CaughtUp())
            {
                return (all, cursor, page);
            }
        }

        throw new InvalidOperationException("paging did not reach isCaughtUp");
    }

    /// <summary>Downloads a listed file with no credential.</summary>
    public static async Task<(HttpStatusCode Status, byte[] Body, string? ContentType)> DownloadAsync(this TestApi api, string url, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using HttpResponseMessage response = await api.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public static string[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The identity of a served event: <c>processingId</c> plus <c>_offset</c> when present, else plus type and timestamp.</summary>
    public static string Key(JsonElement e) =>
        string.Join('|', e.GetProperty("processingId").GetString(), e.GetProperty("timestamp").GetInt64(), Type(e));

    public static string Key(SimulatorSiemEvent e) => string.Join('|', e.ProcessingId, e.Timestamp.ToUnixTimeMilliseconds(), e.Type);

    public static string Type(JsonElement e) => (e.TryGetProperty("type", out JsonElement t) ? t : e.GetProperty("eventType")).GetString()!;
}
