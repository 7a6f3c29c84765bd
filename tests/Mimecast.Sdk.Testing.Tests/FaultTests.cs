using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Server_error_is_a_503_envelope_then_normal_service_resumes()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.ServerError, count: 2);
            for (int i = 0; i < 2; i++)
            {
                using Reply failed = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
                Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
                Assert.Equal(SimulatorErrorCodes.ServiceUnavailable, failed.FailCode);
                Assert.True(failed.FailError.GetProperty("retryable").GetBoolean());
                Assert.NotNull(failed.Header("X-RateLimit-Remaining"));
            }

            using Reply ok = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Equal(0, sim.Faults.PendingCount);
            Assert.Equal(2, sim.Journal.Count(e => e.Fault == SimulatorFault.ServerError));
        }
    }

    [Fact]
    public async Task Fail_envelope_is_http_200_with_retryable_fail()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.FailEnvelope);
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"oldestFirst\":true}"));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(SimulatorErrorCodes.InternalError, reply.FailCode);
            Assert.True(reply.FailError.GetProperty("retryable").GetBoolean());
            Assert.True(reply.Json.GetProperty("fail")[0].GetProperty("key").GetProperty("oldestFirst").GetBoolean());
        }
    }

    [Fact]
    public async Task Malformed_json_is_a_truncated_200()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.MalformedJson);
            using Reply reply = await api.PostSignedAsync(TestApi.AttachmentLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("application/json", reply.Response.Content.Headers.ContentType!.MediaType);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(reply.Body));
        }
    }

    [Fact]
    public async Task Html_error_page_is_a_502_text_html()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.HtmlErrorPage);
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
            Assert.Equal("text/html", reply.Response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<html>", reply.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dropped_connection_aborts_without_an_answer()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.DroppedConnection);
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()));
            Assert.Contains(sim.Journal.Entries, e => e.Fault == SimulatorFault.DroppedConnection && e.StatusCode == 0);

            using Reply ok = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.OK, ok.Status);
        }
    }

    [Fact]
    public async Task Rate_limited_fault_is_a_429_with_the_given_reset_and_counts_the_wait()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(1500);
            sim.Faults.Enqueue(SimulatorFault.RateLimited);
            using (Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
                Assert.Equal(1500, reply.ResetMs);
                Assert.Equal(0, reply.Remaining);
            }

            Assert.Equal(1, sim.RateLimitedResponses);
            clock.Advance(TimeSpan.FromMilliseconds(1000));
            using (Reply early = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.OK, early.Status);
            }

            Assert.Equal(1, sim.RequestsDuringWait);
            clock.Advance(TimeSpan.FromMilliseconds(500));
            using Reply onTime = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(1, sim.RequestsDuringWait);
        }
    }

    [Fact]
    public async Task Forced_rate_limit_counts_down_its_reset()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.ForceRateLimit(TimeSpan.FromSeconds(3));
            using (Reply first = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, first.Status);
                Assert.Equal(3000, first.ResetMs);
            }

            clock.Advance(TimeSpan.FromSeconds(3));
            using Reply after = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.OK, after.Status);
            Assert.Equal(0, sim.RequestsDuringWait);
        }
    }

    [Fact]
    public async Task Token_expired_fault_revokes_the_bearer_token()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string token = await api.NewTokenAsync();
            sim.Faults.Enqueue(SimulatorFault.TokenExpired);
            using (Reply reply = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
                Assert.Equal("token_expired", reply.Json.GetProperty("fail")[0].GetProperty("code").GetString());
            }

            using (Reply again = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
            }

            using Reply fresh = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), await api.NewTokenAsync());
            Assert.Equal(HttpStatusCode.OK, fresh.Status);
        }
    }

    [Fact]
    public async Task Latency_delays_on_the_simulator_clock()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.LatencyDuration = TimeSpan.FromSeconds(30);
            sim.Faults.Enqueue(SimulatorFault.Latency);
            Task<Reply> pending = api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            int advances = 0;
            for (int i = 0; i < 400 && !pending.IsCompleted; i++)
            {
                if (await Task.WhenAny(pending, Task.Delay(25)) != pending)
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                    advances++;
                }
            }

            Assert.True(pending.IsCompleted, "the delayed request should finish once fake time passes the latency");
            using Reply reply = await pending;
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.True(advances >= 30, $"answered after only {advances} simulated seconds");
            Assert.Equal(SimulatorFault.Latency, sim.Journal.Entries[^1].Fault);
        }
    }

    [Fact]
    public async Task Client_giving_up_during_latency_is_journaled_as_unanswered()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.Latency);
            using var cts = new CancellationTokenSource();
            using HttpRequestMessage request = api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo);
            Task<HttpResponseMessage> pending = api.Http.SendAsync(request, cts.Token);
            // The simulator takes the fault off the queue once it has read the request, just before the delay starts.
            for (int i = 0; i < 1000 && sim.Faults.PendingCount > 0 && !pending.IsCompleted; i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(0, sim.Faults.PendingCount);
            Assert.False(pending.IsCompleted);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
            for (int i = 0; i < 200 && sim.Journal.Entries.Count == 0; i++)
            {
                await Task.Delay(10);
            }

            SimulatorJournalEntry entry = Assert.Single(sim.Journal.Entries);
            Assert.Equal(0, entry.StatusCode);
            Assert.Equal(SimulatorFault.Latency, entry.Fault);
        }
    }

    [Fact]
    public async Task Faults_only_hit_ttp_endpoints_unless_a_path_is_given()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.ServerError);
            using (Reply login = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword))
            {
                Assert.Equal(HttpStatusCode.OK, login.Status);
            }

            using (Reply token = await api.TokenAsync())
            {
                Assert.Equal(HttpStatusCode.OK, token.Status);
            }

            Assert.Equal(1, sim.Faults.PendingCount);
            sim.Faults.Clear();

            sim.Faults.Enqueue(SimulatorFault.ServerError, path: "/oauth/token");
            using (Reply ttp = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.OK, ttp.Status);
            }

            using Reply failedToken = await api.TokenAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failedToken.Status);
        }
    }

    [Fact]
    public async Task Auth_failures_take_precedence_over_faults()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.ServerError);
            using Reply bad = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AppKey = "x" });
            Assert.Equal(HttpStatusCode.Unauthorized, bad.Status);
            Assert.Equal(1, sim.Faults.PendingCount);
        }
    }

    [Fact]
    public async Task Fault_rates_are_deterministic_under_the_seed()
    {
        var runs = new List<int[]>();
        for (int run = 0; run < 2; run++)
        {
            (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.Seed = 11);
            await using (sim)
            using (api)
            {
                sim.Faults.ServerErrorRate = 0.3;
                sim.Faults.FailEnvelopeRate = 0.2;
                var statuses = new List<int>();
                for (int i = 0; i < 20; i++)
                {
                    using Reply r = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{}", 1));
                    statuses.Add(r.FailCode == SimulatorErrorCodes.InternalError ? 1 : r.StatusCode);
                }

                runs.Add([.. statuses]);
            }
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Contains(503, runs[0]);
        Assert.Contains(200, runs[0]);
        Assert.Contains(1, runs[0]);
    }
}
