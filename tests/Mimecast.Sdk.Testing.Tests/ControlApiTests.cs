using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>
/// The HTTP control API as a test suite in another language sees it: only HttpClient, JSON strings and a form post
/// (no SDK or simulator types once the server runs). The API 1.0 signature is computed by the test's own signer.
/// </summary>
public sealed class ControlApiTests
{
    private const string ControlToken = "control-token-for-tests";

    [Fact]
    public async Task Control_calls_need_the_control_token_and_the_api_is_off_without_one()
    {
        await using Host host = await Host.StartAsync();
        using HttpResponseMessage none = await host.Http.GetAsync("_simulator/journal");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using HttpResponseMessage wrong = await host.SendAsync(HttpMethod.Get, "_simulator/journal", token: "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using HttpResponseMessage right = await host.SendAsync(HttpMethod.Get, "_simulator/journal");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        await using Host off = await Host.StartAsync(controlToken: null);
        using HttpResponseMessage absent = await off.SendAsync(HttpMethod.Get, "_simulator/journal");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task Enqueued_503_and_token_expired_answer_the_next_matching_calls_then_normal_service_resumes()
    {
        await using Host host = await Host.StartAsync();
        JsonElement queued = await host.ControlAsync("_simulator/faults", """{"fault":"server_error","count":1,"path":"/api/ttp/url/get-logs"}""");
        Assert.Equal(1, queued.GetProperty("pendingFaults").GetInt32());
        await host.ControlAsync("_simulator/faults", """{"fault":"TokenExpired"}""");

        string token = await host.BearerTokenAsync();
        using HttpResponseMessage unavailable = await host.BearerLogsAsync(token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        using HttpResponseMessage expired = await host.BearerLogsAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("\"token_expired\"", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage served = await host.BearerLogsAsync(await host.BearerTokenAsync());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Late_records_added_over_http_are_served_at_their_backdated_time()
    {
        await using Host host = await Host.StartAsync();
        JsonElement added = await host.ControlAsync("_simulator/records/impersonation", """{"count":3,"at":"2026-11-01T08:00:00+0000"}""");
        Assert.Equal(3, added.GetProperty("added").GetInt32());
        Assert.Equal("2026-11-01T08:00:00+0000", added.GetProperty("timestamp").GetString());

        string token = await host.BearerTokenAsync();
        using HttpResponseMessage page = await host.BearerLogsAsync(token, "/api/ttp/impersonation/get-logs", """{"from":"2026-11-01T00:00:00+0000","to":"2026-11-02T00:00:00+0000"}""");
        using JsonDocument body = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
        JsonElement[] logs = body.RootElement.GetProperty("data")[0].GetProperty("impersonationLogs").EnumerateArray().ToArray();
        Assert.Equal(3, logs.Length);
        Assert.All(logs, l => Assert.Equal("2026-11-01T08:00:00+0000", l.GetProperty("eventTime").GetString()));

        JsonElement counters = await host.ControlAsync("_simulator/counters", body: null, HttpMethod.Get);
        Assert.Equal(63, counters.GetProperty("accounts")[0].GetProperty("impersonationLogs").GetInt32());
    }

    [Fact]
    public async Task Late_siem_and_audit_records_and_batch_files_added_over_http_are_served()
    {
        await using Host host = await Host.StartAsync();
        JsonElement siem = await host.ControlAsync("_simulator/records/siem", """{"type":"receipt","count":3,"ageSeconds":3600}""");
        Assert.Equal(3, siem.GetProperty("added").GetInt32());
        Assert.Equal("siem:receipt", siem.GetProperty("kind").GetString());
        JsonElement audit = await host.ControlAsync("_simulator/records/audit", """{"count":2,"at":"2026-11-01T08:00:00+0000"}""");
        string[] auditIds = audit.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(2, auditIds.Length);
        JsonElement files = await host.ControlAsync("_simulator/records/siem-batch-files", """{"type":"delivery","count":2,"uncompressedBytes":20000}""");
        Assert.Equal(2, files.GetProperty("added").GetInt32());
        using HttpResponseMessage refused = await host.SendAsync(HttpMethod.Post, "_simulator/records/siem", """{"count":1}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        string token = await host.BearerTokenAsync();
        string hourAgo = siem.GetProperty("timestamp").GetString()!;
        DateTimeOffset late = DateTimeOffset.Parse(hourAgo, System.Globalization.CultureInfo.InvariantCulture);
        // The stream selects by when events were received (now), so late events appear in the range around now.
        string from = late.AddMinutes(59).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string to = late.AddMinutes(61).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using (HttpResponseMessage stream = await host.BearerGetAsync(token, $"siem/v1/events/cg?types=receipt&pageSize=100&dateRangeStartsAt={from}&dateRangeEndsAt={to}"))
        {
            using JsonDocument body = JsonDocument.Parse(await stream.Content.ReadAsStringAsync());
            JsonElement[] events = body.RootElement.GetProperty("value").EnumerateArray().ToArray();
            Assert.Equal(3, events.Count(e => e.GetProperty("timestamp").GetInt64() / 1000 == late.ToUnixTimeSeconds()));
        }

        using (HttpResponseMessage auditPage = await host.BearerLogsAsync(token, "/api/audit/get-audit-events", """{"startDateTime":"2026-11-01T07:00:00+0000","endDateTime":"2026-11-01T09:00:00+0000"}"""))
        {
            using JsonDocument body = JsonDocument.Parse(await auditPage.Content.ReadAsStringAsync());
            Assert.Equal(auditIds.Order(), body.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order());
        }

        using (HttpResponseMessage listing = await host.BearerGetAsync(token, "siem/v1/batch/events/cg?type=delivery"))
        {
            using JsonDocument body = JsonDocument.Parse(await listing.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("value").GetArrayLength() >= 2, body.RootElement.ToString());
        }
    }

    [Theory]
    [InlineData("offset", true)]
    [InlineData("position", false)]
    public async Task Page_tokens_set_over_http_as_offsets_repeat_the_last_record_after_an_insert_behind_the_listing(string mode, bool repeats)
    {
        await using Host host = await Host.StartAsync();
        JsonElement set = await host.ControlAsync("_simulator/page-tokens", $$"""{"mode":"{{mode}}"}""");
        Assert.Equal(mode, set.GetProperty("mode").GetString());
        string token = await host.BearerTokenAsync();

        JsonElement first = await PageAsync(host, token, null);
        await host.ControlAsync("_simulator/records/url", """{"count":1,"ageSeconds":604800}"""); // behind every record listed
        JsonElement second = await PageAsync(host, token, first.GetProperty("meta").GetProperty("pagination").GetProperty("next").GetString());

        string last = first.GetProperty("data")[0].GetProperty("clickLogs")[2].GetRawText();
        string next = second.GetProperty("data")[0].GetProperty("clickLogs")[0].GetRawText();
        Assert.Equal(repeats, last == next);
    }

    private static async Task<JsonElement> PageAsync(Host host, string bearer, string? pageToken)
    {
        string pagination = pageToken is null ? """{"pageSize":3}""" : $$"""{"pageSize":3,"pageToken":"{{pageToken}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/ttp/url/get-logs")
        {
            Content = new StringContent($$"""{"meta":{"pagination":{{pagination}}},"data":[{"oldestFirst":true}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using HttpResponseMessage response = await host.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Lifetimes_and_expiry_set_over_http_drive_the_401_and_418_paths_without_waiting()
    {
        await using Host host = await Host.StartAsync();
        JsonElement lifetimes = await host.ControlAsync("_simulator/lifetimes", """{"tokenSeconds":60,"bindingSeconds":120}""");
        Assert.Equal(60, lifetimes.GetProperty("tokenSeconds").GetDouble());
        using (HttpResponseMessage tokenReply = await host.TokenAsync())
        {
            Assert.Contains("\"expires_in\":60", await tokenReply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        string token = await host.BearerTokenAsync();
        await host.ControlAsync("_simulator/tokens/expire", body: null);
        using HttpResponseMessage expired = await host.BearerLogsAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);

        using HttpResponseMessage signed = await host.SignedLogsAsync();
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        await host.ControlAsync("_simulator/bindings/expire", """{"account":"demo@example.com"}""");
        using HttpResponseMessage bindingExpired = await host.SignedLogsAsync();
        Assert.Equal((HttpStatusCode)418, bindingExpired.StatusCode);
    }

    [Fact]
    public async Task Seeded_rates_and_quota_set_over_http_apply_and_bad_input_is_a_400_that_changes_nothing()
    {
        await using Host host = await Host.StartAsync();
        string token = await host.BearerTokenAsync();
        JsonElement rates = await host.ControlAsync("_simulator/faults/rates", """{"serverError":1}""");
        Assert.Equal(1, rates.GetProperty("serverError").GetDouble());
        using (HttpResponseMessage failing = await host.BearerLogsAsync(token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        }

        using HttpResponseMessage bad = await host.SendAsync(HttpMethod.Post, "_simulator/faults/rates", """{"serverError":0,"latency":2}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("latency is a probability", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (HttpResponseMessage stillFailing = await host.BearerLogsAsync(token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stillFailing.StatusCode);
        }

        await host.ControlAsync("_simulator/faults/clear", body: null);
        // Two calls of this window are spent above: a quota of 3 leaves one.
        await host.ControlAsync("_simulator/rate-limit", """{"limit":3,"windowSeconds":600}""");
        using HttpResponseMessage second = await host.BearerLogsAsync(token);
        using HttpResponseMessage third = await host.BearerLogsAsync(token);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);

        using HttpResponseMessage unknownFault = await host.SendAsync(HttpMethod.Post, "_simulator/faults", """{"fault":"gremlins"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknownFault.StatusCode);
    }

    [Fact]
    public async Task Journal_and_counters_read_as_json_and_reset_returns_to_the_start_state()
    {
        await using Host host = await Host.StartAsync();
        await host.ControlAsync("_simulator/faults", """{"fault":"rate_limited","count":1}""");
        using (await host.BearerLogsAsync(await host.BearerTokenAsync()))
        {
        }

        await host.ControlAsync("_simulator/records/url", """{"count":5}""");
        JsonElement journal = await host.ControlAsync("_simulator/journal", body: null, HttpMethod.Get);
        Assert.Equal(2, journal.GetProperty("count").GetInt32());
        JsonElement last = journal.GetProperty("entries")[1];
        Assert.Equal("/api/ttp/url/get-logs", last.GetProperty("path").GetString());
        Assert.Equal(429, last.GetProperty("status").GetInt32());
        Assert.Equal("RateLimited", last.GetProperty("fault").GetString());
        JsonElement since = await host.ControlAsync("_simulator/journal?since=1", body: null, HttpMethod.Get);
        Assert.Single(since.GetProperty("entries").EnumerateArray());

        JsonElement counters = await host.ControlAsync("_simulator/counters", body: null, HttpMethod.Get);
        Assert.Equal(1, counters.GetProperty("rateLimitedResponses").GetInt64());
        Assert.Equal(1, counters.GetProperty("tokensIssued").GetInt64());
        Assert.Equal(255, counters.GetProperty("accounts")[0].GetProperty("urlLogs").GetInt32());

        await host.ControlAsync("_simulator/reset", body: null);
        JsonElement after = await host.ControlAsync("_simulator/counters", body: null, HttpMethod.Get);
        Assert.Equal(0, after.GetProperty("rateLimitedResponses").GetInt64());
        Assert.Equal(0, after.GetProperty("tokensIssued").GetInt64());
        Assert.Equal(0, after.GetProperty("journalEntries").GetInt32());
        Assert.Equal(250, after.GetProperty("accounts")[0].GetProperty("urlLogs").GetInt32());
    }

    /// <summary>A started simulator seen only through HTTP.</summary>
    internal sealed class Host : IAsyncDisposable
    {
        private readonly IAsyncDisposable _server;
        private readonly FakeTimeProvider _clock;

        private Host(IAsyncDisposable server, Uri baseUrl, FakeTimeProvider clock)
        {
            _server = server;
            _clock = clock;
            Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Http { get; }

        public MimecastSimulator Sim => (MimecastSimulator)_server;

        public static async Task<Host> StartAsync(string? controlToken = ControlToken)
        {
            var clock = new FakeTimeProvider(TestApi.Start);
            MimecastSimulator sim = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { TimeProvider = clock, ControlToken = controlToken });
            return new Host(sim, sim.BaseUrl, clock);
        }

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? token = ControlToken)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await Http.SendAsync(request);
        }

        /// <summary>A control call that must succeed; returns its JSON answer.</summary>
        public async Task<JsonElement> ControlAsync(string path, string? body, HttpMethod? method = null)
        {
            using HttpResponseMessage response = await SendAsync(method ?? HttpMethod.Post, path, body);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
            JsonElement json = JsonDocument.Parse(text).RootElement.Clone();
            Assert.True(json.GetProperty("ok").GetBoolean());
            return json;
        }

        public async Task<HttpResponseMessage> TokenAsync()
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "sim-demo-client-7c3f9a1e",
                ["client_secret"] = "sim-demo-secret-4b8e2d6f0a1c3e5f7a9b1d3f5e7c9a0b",
                ["grant_type"] = "client_credentials",
            });
            return await Http.PostAsync("oauth/token", form);
        }

        public async Task<string> BearerTokenAsync()
        {
            using HttpResponseMessage response = await TokenAsync();
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("access_token").GetString()!;
        }

        public async Task<HttpResponseMessage> BearerLogsAsync(string token, string path = "/api/ttp/url/get-logs", string data = "{}")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
            {
                Content = new StringContent($$"""{"data":[{{data}}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await Http.SendAsync(request);
        }

        public async Task<HttpResponseMessage> BearerGetAsync(string token, string pathAndQuery)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await Http.SendAsync(request);
        }

        public async Task<HttpResponseMessage> SignedLogsAsync()
        {
            const string path = "/api/ttp/url/get-logs";
            string date = TestSigner.Date(_clock.GetUtcNow());
            string id = Guid.NewGuid().ToString();
            using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
            {
                Content = new StringContent("""{"data":[{}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("x-mc-date", date);
            request.Headers.TryAddWithoutValidation("x-mc-req-id", id);
            request.Headers.TryAddWithoutValidation("x-mc-app-id", "5a1e0c5e-51a0-4d1c-8f3e-5e1f0a9d0001");
            string signature = TestSigner.Signature("/kUd2SmoRzLfnMXkZPWRt7J3r6NjhzzCoId7BRXjgj4/Y/NpFKJxBIkGjYcjBI8kwb3HEztnAp07UC3xhB7WLg==", date, id, path, "9b7f3c2a-6d4e-4f1a-b2c3-7a8b9c0d0002");
            request.Headers.TryAddWithoutValidation("Authorization", "MC 8zLgNobV_iI5gOX8mGhZQ58EZd-0qD4pkFzYS8r8dzB2J6A6zGWrR_YvB11dnoRi:" + signature);
            return await Http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _server.DisposeAsync();
        }
    }
}
