using System.IO.Compression;
using System.Text;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Mimecast.Sdk.Tests.Siem;

/// <summary>SIEM- and audit-shaped WireMock responses, fixtures and gzip files.</summary>
public static class SiemStubs
{
    public const string StreamPath = "/siem/v1/events/cg";
    public const string BatchPath = "/siem/v1/batch/events/cg";
    public const string AuditPath = "/api/audit/get-audit-events";

    // Copied next to the test assembly (the csproj), so they are found in deterministic CI builds too, where
    // [CallerFilePath] is mapped to /_/.
    public static string Fixture(string name) =>
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Siem", "Fixtures", name));

    public static IRequestBuilder Get(string path) => Request.Create().WithPath(path).UsingGet();

    public static string Event(int i, string type = "receipt", string typeField = "type") =>
        $$"""{"timestamp":{{1732530645000L + i}},"{{typeField}}":"{{type}}","accountId":"C0A0","aggregateId":"agg-{{i}}","processingId":"p-{{i}}","messageId":"<m{{i}}@example.com>","senderEnvelope":"s{{i}}@example.com","recipients":"r{{i}}@example.org","action":"Acc","seq":"{{i}}"}""";

    public static string StreamPage(IEnumerable<int> ids, string? next, bool caughtUp, string type = "receipt") =>
        $$"""{"value":[{{string.Join(",", ids.Select(i => Event(i, type, "eventType")))}}]{{(next is null ? "" : $",\"@nextPage\":\"{next}\"")}},"pageSize":{{ids.Count()}},"isCaughtUp":{{(caughtUp ? "true" : "false")}}}""";

    public static string BatchListing(IEnumerable<string> urls, string? next, bool caughtUp) =>
        $$"""{"value":[{{string.Join(",", urls.Select(u => $$"""{"url":"{{u}}","size":489,"expiry":"2026-11-24T11:50:06.389Z"}"""))}}]{{(next is null ? "" : $",\"@nextPage\":\"{next}\"")}},"isCaughtUp":{{(caughtUp ? "true" : "false")}}}""";

    /// <summary>NDJSON lines for events <paramref name="from"/>..<paramref name="from"/>+<paramref name="count"/>-1.</summary>
    public static string Lines(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i => Event(i) + "\n"));

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static IResponseBuilder Gz(byte[] body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/gzip").WithBody(body);

    /// <summary>Serves <paramref name="body"/> as the batch file at <paramref name="path"/> (any signed query).</summary>
    public static void ServeFile(this WireMockServer server, string path, byte[] body) =>
        server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Gz(body));

    public static string FileUrl(this SdkHarness h, string path, string signature = "sig-1") => $"{h.Server.Urls[0]}{path}?X-Amz-Signature={signature}&X-Amz-Expires=900";

    public static int DownloadsOf(this SdkHarness h, string path) => h.Server.LogEntries.Count(e => e.RequestMessage?.Path == path);
}
