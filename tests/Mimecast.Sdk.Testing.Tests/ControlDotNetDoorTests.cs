using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>The .NET API and the HTTP control API are two doors to the same operations and the same state.</summary>
public sealed class ControlDotNetDoorTests
{
    [Fact]
    public async Task What_one_door_changes_the_other_door_reads()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.ControlToken = "dotnet-door-token");
        await using (sim)
        using (api)
        {
            sim.Records<SimulatorUrlLog>().Add(5);
            sim.SetLifetimes(tokenLifetime: TimeSpan.FromSeconds(30));
            using JsonDocument counters = await ControlAsync(api, HttpMethod.Get, "_simulator/counters");
            Assert.Equal(255, counters.RootElement.GetProperty("accounts")[0].GetProperty("urlLogs").GetInt32());

            using (await ControlAsync(api, HttpMethod.Post, "_simulator/records/url", """{"count":7}"""))
            using (await ControlAsync(api, HttpMethod.Post, "_simulator/faults", """{"fault":"html_error_page","count":2}"""))
            using (await ControlAsync(api, HttpMethod.Post, "_simulator/rate-limit", """{"limit":50}"""))
            {
            }

            Assert.Equal(262, sim.GetLogCount(SimulatorLogKind.Url));
            Assert.Equal(2, sim.Faults.PendingCount);
            SimulatorCounters fromDotNet = sim.GetCounters();
            Assert.Equal(262, fromDotNet.Accounts[0].UrlLogs);
            Assert.Equal(2, fromDotNet.PendingFaults);

            using Reply token = await api.TokenAsync();
            Assert.Equal(30, token.Json.GetProperty("expires_in").GetInt32());
            using Reply logs = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.BadGateway, logs.Status);
            Assert.Equal("50", logs.Header("X-RateLimit-Limit"));

            sim.Reset();
            using JsonDocument reset = await ControlAsync(api, HttpMethod.Get, "_simulator/counters");
            Assert.Equal(250, reset.RootElement.GetProperty("accounts")[0].GetProperty("urlLogs").GetInt32());
            Assert.Equal(0, reset.RootElement.GetProperty("pendingFaults").GetInt32());
            using Reply tokenAfterReset = await api.TokenAsync();
            Assert.Equal(1799, tokenAfterReset.Json.GetProperty("expires_in").GetInt32());
        }
    }

    private static async Task<JsonDocument> ControlAsync(TestApi api, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dotnet-door-token");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
