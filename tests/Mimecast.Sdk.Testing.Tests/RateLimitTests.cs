using System.Net;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Bucket_refuses_after_the_quota_without_executing_and_admits_after_reset()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o =>
        {
            o.RateLimit.Limit = 3;
            o.RateLimit.Window = TimeSpan.FromSeconds(10);
        });
        await using (sim)
        using (api)
        {
            var remaining = new List<int>();
            for (int i = 0; i < 3; i++)
            {
                using Reply ok = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
                Assert.Equal(HttpStatusCode.OK, ok.Status);
                Assert.Equal("3", ok.Header("X-RateLimit-Limit"));
                remaining.Add(ok.Remaining);
            }

            Assert.Equal([2, 1, 0], remaining);
            Assert.Equal(0, sim.RequestsDuringWait);

            sim.Faults.Enqueue(SimulatorFault.ServerError);
            clock.Advance(TimeSpan.FromSeconds(4));
            using (Reply limited = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
                Assert.Equal(SimulatorErrorCodes.RateLimitExceeded, limited.FailCode);
                Assert.Equal(0, limited.Remaining);
                Assert.Equal(6000, limited.ResetMs);
                Assert.Empty(limited.Json.GetProperty("data").EnumerateArray());
            }

            // Not executed: no records served, and the fault queue untouched.
            SimulatorJournalEntry last = sim.Journal.Entries[^1];
            Assert.Equal(429, last.StatusCode);
            Assert.Null(last.RecordCount);
            Assert.Null(last.Fault);
            Assert.Equal(1, sim.Faults.PendingCount);
            Assert.Equal(1, sim.RateLimitedResponses);
            Assert.Equal(1, sim.RequestsDuringWait);
            sim.Faults.Clear();

            // Still inside the announced wait: counted again.
            clock.Advance(TimeSpan.FromSeconds(5));
            using (Reply early = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, early.Status);
                Assert.Equal(1000, early.ResetMs);
            }

            Assert.Equal(2, sim.RequestsDuringWait);

            clock.Advance(TimeSpan.FromSeconds(1));
            using (Reply after = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.OK, after.Status);
                Assert.Equal(2, after.Remaining);
                Assert.Equal(10000, after.ResetMs);
            }

            Assert.Equal(2, sim.RequestsDuringWait);
            Assert.Equal(2, sim.GetRequestsDuringWait(MimecastSimulatorDefaults.EmailAddress));
        }
    }

    [Fact]
    public async Task Well_behaved_client_that_waits_for_reset_is_never_counted()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o =>
        {
            o.RateLimit.Limit = 2;
            o.RateLimit.Window = TimeSpan.FromSeconds(1);
        });
        await using (sim)
        using (api)
        {
            for (int i = 0; i < 10; i++)
            {
                using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                if (reply.Remaining == 0)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(reply.ResetMs));
                }
            }

            Assert.Equal(0, sim.RequestsDuringWait);
            Assert.Equal(0, sim.RateLimitedResponses);
        }
    }

    [Fact]
    public async Task Headers_are_on_every_response_including_errors()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            var replies = new List<Reply>
            {
                await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()),
                await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { SecretKey = "AAAA" }),
                await api.PostSignedAsync("/api/unknown", TestApi.Envelope()),
                await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/ttp/url/get-logs")),
                await api.TokenAsync(clientSecret: "nope"),
                await api.TokenAsync(),
                await api.DiscoverAsync(MimecastSimulatorDefaults.EmailAddress),
                await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, "wrong"),
            };
            foreach (Reply r in replies)
            {
                Assert.NotNull(r.Header("X-RateLimit-Limit"));
                Assert.NotNull(r.Header("X-RateLimit-Remaining"));
                Assert.NotNull(r.Header("X-RateLimit-Reset"));
                r.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_bucket_is_per_user_and_shared_by_the_users_bindings_and_tokens()
    {
        SimulatorAccount other = SimulatorAccount.Create("other@example.org", 3);
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o =>
        {
            o.Accounts.Add(SimulatorAccount.CreateDefault());
            o.Accounts.Add(other);
            o.RateLimit.Limit = 2;
        });
        await using (sim)
        using (api)
        {
            string token = await api.NewTokenAsync();
            using (Reply a = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(1, a.Remaining);
            }

            using (Reply b = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token))
            {
                Assert.Equal(0, b.Remaining);
            }

            using (Reply c = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, c.Status);
            }

            using Reply theirs = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Of(other));
            Assert.Equal(HttpStatusCode.OK, theirs.Status);
            Assert.Equal(1, theirs.Remaining);
            Assert.Equal(0, sim.GetRequestsDuringWait(other.EmailAddress));
            Assert.Equal(1, sim.GetRateLimitedResponses(MimecastSimulatorDefaults.EmailAddress));
        }
    }

    [Fact]
    public async Task Disabled_limit_still_sends_headers_but_never_429()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o =>
        {
            o.RateLimit.Enabled = false;
            o.RateLimit.Limit = 1;
        });
        await using (sim)
        using (api)
        {
            for (int i = 0; i < 3; i++)
            {
                using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal(0, reply.Remaining);
            }
        }
    }
}
