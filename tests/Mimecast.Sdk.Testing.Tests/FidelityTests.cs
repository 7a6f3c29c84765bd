using System.Net;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>
/// Behaviour of the real service the simulator copies. Source: recordings of real Mimecast traffic compared with the
/// simulator in issue 14 ("Differences from the real service"), and /work/shared/mimecast-api.md (rate limits).
/// </summary>
public sealed class FidelityTests
{
    [Fact]
    public async Task Unknown_app_id_answers_http_200_with_a_fail_entry_err_developer_key_on_discover_login_and_signed_calls()
    {
        // Real Mimecast: HTTP 200, fail[0].errors[0].code "err_developer_key", message "App ID is invalid: …".
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            const string unknown = "11111111-0000-0000-0000-000000000000";
            using Reply discover = await api.DiscoverAsync(MimecastSimulatorDefaults.EmailAddress, appId: unknown);
            using Reply login = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword, appId: unknown);
            using Reply signed = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AppId = unknown });
            foreach (Reply reply in new[] { discover, login, signed })
            {
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal(SimulatorErrorCodes.DeveloperKey, reply.FailError.GetProperty("code").GetString());
                Assert.StartsWith("App ID is invalid: ", reply.FailError.GetProperty("message").GetString(), StringComparison.Ordinal);
                Assert.Equal(0, reply.Json.GetProperty("data").GetArrayLength());
            }
        }
    }

    [Fact]
    public async Task Dates_message_ids_and_urls_are_sent_unescaped_as_mimecast_sends_them()
    {
        // Real Mimecast: "date":"2026-11-20T10:00:00+0000", "messageId":"<…@…>", URLs with "&" as is; JSON escapes only what it must.
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply logs = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Contains("+0000\"", logs.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u002B", logs.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u003C", logs.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u0026", logs.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_answers_carry_content_type_application_json_without_a_charset()
    {
        // Real Mimecast sends "Content-Type: application/json" (no "; charset=utf-8"), on successes and failures alike.
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Limit = 2);
        await using (sim)
        using (api)
        {
            using Reply token = await api.TokenAsync();
            using Reply logs = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            using Reply badSignature = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AppKey = "wrong" });
            using Reply limited = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
            foreach (Reply reply in new[] { token, logs, badSignature, limited })
            {
                Assert.Equal("application/json", reply.Response.Content.Headers.ContentType!.ToString());
            }
        }
    }

    [Fact]
    public async Task Discover_answers_the_configured_public_base_url_as_region_api_not_the_host_it_was_asked_on()
    {
        // Behind a proxy or TLS front the request's Host is the front's; real discover names the regional API host.
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.PublicBaseUrl = new Uri("https://eu-api.simulator.example/"));
        await using (sim)
        using (api)
        {
            using Reply reply = await api.SendAsync(DiscoverVia(api, "front.example:8443"));
            Assert.Equal("https://eu-api.simulator.example", reply.Data0.GetProperty("region").GetProperty("api").GetString());
        }

        (MimecastSimulator plain, _, TestApi plainApi) = await TestApi.StartAsync();
        await using (plain)
        using (plainApi)
        {
            using Reply reply = await plainApi.SendAsync(DiscoverVia(plainApi, "front.example:8443"));
            Assert.Equal(plain.BaseUrl.ToString().TrimEnd('/'), reply.Data0.GetProperty("region").GetProperty("api").GetString());
        }
    }

    [Fact]
    public async Task A_429_carries_the_X_RateLimit_headers_and_no_Retry_After()
    {
        // Real Mimecast evidence shows only X-RateLimit-Limit/Remaining/Reset (reset in milliseconds), never Retry-After.
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Limit = 1);
        await using (sim)
        using (api)
        {
            using Reply first = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            using Reply limited = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            sim.Faults.Enqueue(SimulatorFault.RateLimited);
            using Reply injected = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            foreach (Reply reply in new[] { limited, injected })
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
                Assert.Null(reply.Response.Headers.RetryAfter);
                Assert.False(reply.Response.Headers.Contains("Retry-After"));
                Assert.NotNull(reply.Header("X-RateLimit-Limit"));
                Assert.Equal(0, reply.Remaining);
                Assert.True(reply.ResetMs > 0);
            }
        }
    }

    private static HttpRequestMessage DiscoverVia(TestApi api, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/login/discover-authentication")
        {
            Content = new StringContent($"{{\"data\":[{{\"emailAddress\":\"{MimecastSimulatorDefaults.EmailAddress}\"}}]}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-mc-app-id", MimecastSimulatorDefaults.AppId);
        request.Headers.Host = host;
        _ = api;
        return request;
    }
}
