using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Mimecast.Sdk.Tests.Infrastructure;

/// <summary>Mimecast-shaped WireMock responses.</summary>
public static class Stubs
{
    public const string UrlPath = "/api/ttp/url/get-logs";
    public const string AttachmentPath = "/api/ttp/attachment/get-logs";
    public const string ImpersonationPath = "/api/ttp/impersonation/get-logs";
    public const string TokenPath = "/oauth/token";

    public static string UrlLogs(int from, int count, string? next = null, string date = "2026-11-20T10:00:00+0000")
    {
        var logs = string.Join(",", Enumerable.Range(from, count).Select(i =>
            $$"""{"userEmailAddress":"user{{i}}@example.com","url":"https://evil.example/{{i}}","date":"{{date}}","action":"block","scanResult":"malicious","route":"inbound","messageId":"<m{{i}}@example.com>"}"""));
        var nextPart = next is null ? "" : $",\"next\":\"{next}\"";
        return $$$"""{"meta":{"status":200,"pagination":{"pageSize":{{{count}}}{{{nextPart}}}}},"data":[{"clickLogs":[{{{logs}}}]}],"fail":[]}""";
    }

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    public static IResponseBuilder WithQuota(this IResponseBuilder response, int limit, int remaining, int resetMs) =>
        response.WithHeader("X-RateLimit-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHeader("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHeader("X-RateLimit-Reset", resetMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IRequestBuilder Post(string path) => Request.Create().WithPath(path).UsingPost();

    public static void Token(this WireMockServer server, string token = "bearer-token-A", int expiresIn = 1799) =>
        server.Given(Post(TokenPath)).RespondWith(Json($$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{expiresIn}},"scope":""}"""));

    public static string Fail(string code, string message, bool retryable = false, int status = 200) =>
        $$"""{"meta":{"status":{{status}}},"data":[],"fail":[{"key":{"from":"x"},"errors":[{"code":"{{code}}","message":"{{message}}","retryable":{{(retryable ? "true" : "false")}}}]}]}""";

    public static string FlatFail(string code, string message, int status) =>
        $$"""{"meta":{"status":{{status}}},"data":[],"fail":[{"code":"{{code}}","message":"{{message}}"}]}""";
}
