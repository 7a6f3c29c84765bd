using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>A tiny test-side API 1.0 signer, written independently of the simulator's verifier.</summary>
internal static class TestSigner
{
    public static string Date(DateTimeOffset now) =>
        now.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Signature(string secretKeyBase64, string date, string reqId, string path, string appKey)
    {
        using var hmac = new HMACSHA1(Convert.FromBase64String(secretKeyBase64));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{date}:{reqId}:{path}:{appKey}")));
    }
}

/// <summary>Keys used to sign: a binding plus the application.</summary>
internal sealed record Keys(string AccessKey, string SecretKey, string AppId, string AppKey)
{
    public static Keys Of(SimulatorAccount a) => new(a.AccessKey, a.SecretKey, a.AppId, a.AppKey);

    public static Keys Demo => new(MimecastSimulatorDefaults.AccessKey, MimecastSimulatorDefaults.SecretKey, MimecastSimulatorDefaults.AppId, MimecastSimulatorDefaults.AppKey);
}

internal sealed class Reply(HttpResponseMessage response, string body) : IDisposable
{
    public HttpStatusCode Status => response.StatusCode;

    public int StatusCode => (int)response.StatusCode;

    public string Body { get; } = body;

    public HttpResponseMessage Response => response;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? v) ? v.First() : null;

    public int Remaining => int.Parse(Header("X-RateLimit-Remaining")!, CultureInfo.InvariantCulture);

    public long ResetMs => long.Parse(Header("X-RateLimit-Reset")!, CultureInfo.InvariantCulture);

    /// <summary>The first error code in fail (keyed or flat shape), or null.</summary>
    public string? FailCode
    {
        get
        {
            if (!Json.TryGetProperty("fail", out JsonElement fail) || fail.GetArrayLength() == 0)
            {
                return null;
            }

            JsonElement first = fail[0];
            return first.TryGetProperty("errors", out JsonElement errors) ? errors[0].GetProperty("code").GetString() : first.GetProperty("code").GetString();
        }
    }

    public JsonElement FailError => Json.GetProperty("fail")[0].GetProperty("errors")[0];

    public JsonElement Data0 => Json.GetProperty("data")[0];

    public string? Next =>
        Json.GetProperty("meta").TryGetProperty("pagination", out JsonElement p) && p.TryGetProperty("next", out JsonElement n) ? n.GetString() : null;

    public void Dispose() => response.Dispose();
}

/// <summary>Sends requests to a started simulator with plain HttpClient.</summary>
internal sealed class TestApi : IDisposable
{
    public const string UrlLogs = "/api/ttp/url/get-logs";
    public const string AttachmentLogs = "/api/ttp/attachment/get-logs";
    public const string ImpersonationLogs = "/api/ttp/impersonation/get-logs";

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 3, 7, TimeSpan.Zero);

    public TestApi(MimecastSimulator sim, TimeProvider clock)
    {
        Sim = sim;
        Clock = clock;
        Http = new HttpClient { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public MimecastSimulator Sim { get; }

    public TimeProvider Clock { get; }

    public HttpClient Http { get; }

    public static async Task<(MimecastSimulator Sim, FakeTimeProvider Clock, TestApi Api)> StartAsync(Action<MimecastSimulatorOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var options = new MimecastSimulatorOptions { TimeProvider = clock };
        configure?.Invoke(options);
        MimecastSimulator sim = await MimecastSimulator.StartAsync(options);
        return (sim, clock, new TestApi(sim, clock));
    }

    public static string Envelope(string data = "{}", int? pageSize = null, string? pageToken = null)
    {
        var pagination = new List<string>();
        if (pageSize is not null)
        {
            pagination.Add($"\"pageSize\":{pageSize}");
        }

        if (pageToken is not null)
        {
            pagination.Add($"\"pageToken\":\"{pageToken}\"");
        }

        string meta = pagination.Count > 0 ? $"\"meta\":{{\"pagination\":{{{string.Join(',', pagination)}}}}}," : string.Empty;
        return $"{{{meta}\"data\":[{data}]}}";
    }

    public HttpRequestMessage Signed(string path, string body, Keys keys, DateTimeOffset? date = null, string? reqId = null, string? dateText = null)
    {
        string d = dateText ?? TestSigner.Date(date ?? Clock.GetUtcNow());
        string id = reqId ?? Guid.NewGuid().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-mc-date", d);
        request.Headers.TryAddWithoutValidation("x-mc-req-id", id);
        request.Headers.TryAddWithoutValidation("x-mc-app-id", keys.AppId);
        request.Headers.TryAddWithoutValidation("Authorization", $"MC {keys.AccessKey}:{TestSigner.Signature(keys.SecretKey, d, id, path, keys.AppKey)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    public Task<Reply> PostSignedAsync(string path, string body, Keys? keys = null) => SendAsync(Signed(path, body, keys ?? Keys.Demo));

    public Task<Reply> PostBearerAsync(string path, string body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request);
    }

    public Task<Reply> TokenAsync(string clientId = MimecastSimulatorDefaults.ClientId, string clientSecret = MimecastSimulatorDefaults.ClientSecret, string grantType = "client_credentials")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["grant_type"] = grantType,
            }),
        };
        return SendAsync(request);
    }

    public async Task<string> NewTokenAsync()
    {
        using Reply reply = await TokenAsync();
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.GetProperty("access_token").GetString()!;
    }

    public Task<Reply> LoginAsync(string scheme, string email, string password, string? accessKey = null, string appId = MimecastSimulatorDefaults.AppId, string? userName = null)
    {
        string data = accessKey is null ? $"{{\"userName\":\"{userName ?? email}\"}}" : $"{{\"userName\":\"{userName ?? email}\",\"accessKey\":\"{accessKey}\"}}";
        var request = new HttpRequestMessage(HttpMethod.Post, "api/login/login")
        {
            Content = new StringContent($"{{\"data\":[{data}]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-mc-date", TestSigner.Date(Clock.GetUtcNow()));
        request.Headers.TryAddWithoutValidation("x-mc-req-id", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("x-mc-app-id", appId);
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}"))}");
        return SendAsync(request);
    }

    public Task<Reply> DiscoverAsync(string email, string appId = MimecastSimulatorDefaults.AppId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/login/discover-authentication")
        {
            Content = new StringContent($"{{\"data\":[{{\"emailAddress\":\"{email}\"}}]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-mc-app-id", appId);
        request.Headers.TryAddWithoutValidation("x-mc-req-id", Guid.NewGuid().ToString());
        return SendAsync(request);
    }

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            HttpResponseMessage response = await Http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            return new Reply(response, body);
        }
    }

    /// <summary>Pages through a listing (bounded) and returns every served record.</summary>
    public async Task<List<JsonElement>> PageAllAsync(string path, string data, int pageSize, string listName, Keys? keys = null, Func<int, Task>? betweenPages = null)
    {
        var all = new List<JsonElement>();
        string? token = null;
        var seen = new HashSet<string>();
        for (int page = 0; page < 1000; page++)
        {
            using Reply reply = await PostSignedAsync(path, Envelope(data, pageSize, token), keys);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Null(reply.FailCode);
            foreach (JsonElement item in reply.Data0.GetProperty(listName).EnumerateArray())
            {
                all.Add(item.Clone());
            }

            token = reply.Next;
            if (token is null)
            {
                return all;
            }

            Assert.True(seen.Add(token), "a page token came back twice");
            if (betweenPages is not null)
            {
                await betweenPages(page);
            }
        }

        throw new InvalidOperationException("paging did not end");
    }

    public void Dispose() => Http.Dispose();
}
