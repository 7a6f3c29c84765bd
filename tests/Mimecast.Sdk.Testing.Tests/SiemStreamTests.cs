using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class SiemStreamTests
{
    [Fact]
    public async Task Every_type_is_seeded_with_string_values_and_epoch_millisecond_timestamps()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (List<JsonElement> records, _, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("pageSize", "100"), ("nextPage", c)));
            Assert.Equal(SimulatorSiemEventTypes.All.Order(), records.Select(SiemTestApi.Type).Distinct().Order());
            foreach (JsonElement r in records)
            {
                foreach (JsonProperty p in r.EnumerateObject())
                {
                    if (p.Name == "timestamp")
                    {
                        Assert.Equal(JsonValueKind.Number, p.Value.ValueKind);
                        DateTimeOffset t = DateTimeOffset.FromUnixTimeMilliseconds(p.Value.GetInt64());
                        Assert.InRange(t, clock.GetUtcNow().AddHours(-24), clock.GetUtcNow());
                    }
                    else
                    {
                        Assert.True(p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{p.Name} is {p.Value.ValueKind}");
                    }
                }

                Assert.False(string.IsNullOrEmpty(r.GetProperty("aggregateId").GetString()));
                Assert.False(string.IsNullOrEmpty(r.GetProperty("accountId").GetString()));
            }

            // Type-specific fields as Mimecast spells them.
            JsonElement First(string type) => records.First(r => SiemTestApi.Type(r) == type);
            Assert.True(First("receipt").TryGetProperty("spamProcessingDetail", out _));
            Assert.True(First("delivery").TryGetProperty("Hostname", out _));
            Assert.Matches("^[0-9]+$", First("process").GetProperty("emailSize").GetString()!);
            Assert.True(First("attachment protect").TryGetProperty("recipient", out _));
            Assert.False(First("attachment protect").TryGetProperty("recipients", out _));
            Assert.Equal(
                ["processingId", "aggregateId", "accountId", "timestamp", "type", "subtype", "direction", "senderEnvelope", "recipients"],
                First("journal").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Same_seed_generates_the_same_events_and_another_seed_does_not()
    {
        static async Task<List<string>> Generate(int seed)
        {
            (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.Seed = seed);
            await using (sim)
            using (api)
            {
                sim.AddSiemEvents(SimulatorSiemEventTypes.UrlProtect, 3);
                return sim.Records<SimulatorSiemEvent>().All().Select(e => string.Join('|', e.Sequence, e.Type, e.Subtype, e.Timestamp.ToUnixTimeMilliseconds(), e.ProcessingId, string.Join(',', e.Fields))).ToList();
            }
        }

        List<string> a = await Generate(7);
        Assert.Equal(a, await Generate(7));
        Assert.NotEqual(a, await Generate(8));
    }

    [Fact]
    public async Task Paging_reaches_caught_up_with_every_event_of_the_window_once_in_reception_order()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string start = SiemTestApi.Iso(clock.GetUtcNow().AddHours(-23));
            (List<JsonElement> records, _, int pages) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("dateRangeStartsAt", start), ("pageSize", "7"), ("nextPage", c)));

            List<string> expected = sim.Records<SimulatorSiemEvent>().All().Where(e => e.IngestedAt >= clock.GetUtcNow().AddHours(-23)).Select(SiemTestApi.Key).ToList();
            Assert.True(expected.Count > 50);
            Assert.Equal(expected, records.Select(SiemTestApi.Key).ToList());
            Assert.Equal((expected.Count / 7) + 1, pages);
        }
    }

    [Fact]
    public async Task Types_filter_one_type_a_comma_list_or_a_subtype()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (List<JsonElement> process, _, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("types", "process"), ("nextPage", c)));
            Assert.Equal(sim.Records<SimulatorSiemEvent>().All().Count(e => e.Type == "process" && e.IngestedAt >= TestApi.Start.AddHours(-24)), process.Count);
            Assert.All(process, r => Assert.Equal("process", SiemTestApi.Type(r)));

            (List<JsonElement> two, _, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("types", "url protect,journal"), ("nextPage", c)));
            Assert.Equal(["journal", "url protect"], two.Select(SiemTestApi.Type).Distinct().Order());

            sim.Records<SimulatorSiemEvent>().Add(new SimulatorSiemEvent { Type = "process", Subtype = "Hld", Timestamp = TestApi.Start });
            (List<JsonElement> held, _, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("types", "process:Hld"), ("nextPage", c)));
            Assert.NotEmpty(held);
            Assert.All(held, r => Assert.Equal("Hld", r.GetProperty("subtype").GetString()));
        }
    }

    [Fact]
    public async Task A_saved_cursor_resumes_with_exactly_the_new_events_including_late_ones()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (List<JsonElement> first, string cursor, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("types", "receipt"), ("nextPage", c)));
            Assert.NotEmpty(first);

            // Caught up: the cursor comes back with an empty page and stays usable.
            using (Reply empty = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("types", "receipt"), ("nextPage", cursor))))
            {
                Assert.Empty(empty.Values());
                Assert.True(empty.CaughtUp());
                cursor = empty.NextPage();
            }

            clock.Advance(TimeSpan.FromMinutes(10));
            IReadOnlyList<SimulatorSiemEvent> fresh = sim.AddSiemEvents("receipt", 5);
            IReadOnlyList<SimulatorSiemEvent> late = sim.AddSiemEvents("receipt", 2, at: clock.GetUtcNow().AddHours(-30));
            sim.AddSiemEvents("delivery", 4);

            (List<JsonElement> resumed, _, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("types", "receipt"), ("pageSize", "3"), ("nextPage", c ?? cursor)));
            Assert.Equal(fresh.Concat(late).Select(SiemTestApi.Key), resumed.Select(SiemTestApi.Key));
            Assert.Empty(first.Select(SiemTestApi.Key).Intersect(resumed.Select(SiemTestApi.Key)));
        }
    }

    [Fact]
    public async Task Start_older_than_the_window_and_bad_page_sizes_answer_400_with_the_siem_error_shape()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using (Reply old = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("dateRangeStartsAt", SiemTestApi.Iso(clock.GetUtcNow().AddHours(-25))))))
            {
                Assert.Equal(HttpStatusCode.BadRequest, old.Status);
                Assert.Equal(SimulatorSiemErrorCodes.InvalidDateRange, old.ErrorCode());
                Assert.False(string.IsNullOrEmpty(old.Json.GetProperty("error").GetProperty("message").GetString()));
                Assert.False(old.Json.TryGetProperty("meta", out _));
            }

            foreach (string size in new[] { "0", "101", "ten" })
            {
                using Reply bad = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("pageSize", size)));
                Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
                Assert.Equal(SimulatorSiemErrorCodes.InvalidPageSize, bad.ErrorCode());
            }

            using (Reply max = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("pageSize", "100"))))
            {
                Assert.Equal(HttpStatusCode.OK, max.Status);
                Assert.Equal(100, max.Values().Length);
            }
        }
    }

    [Fact]
    public async Task A_cursor_behind_the_window_or_of_another_query_answers_400_and_a_restart_from_a_time_works()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (_, string cursor, _) = await api.DrainAsync(SiemTestApi.Stream, c => SiemTestApi.Query(("types", "spam"), ("nextPage", c)));
            using (Reply other = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("types", "av"), ("nextPage", cursor))))
            {
                Assert.Equal(HttpStatusCode.BadRequest, other.Status);
                Assert.Equal(SimulatorSiemErrorCodes.InvalidNextPage, other.ErrorCode());
            }

            sim.AddSiemEvents("spam", 1);
            clock.Advance(TimeSpan.FromHours(25));
            using (Reply stale = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("types", "spam"), ("nextPage", cursor))))
            {
                Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
                Assert.Equal(SimulatorSiemErrorCodes.InvalidNextPage, stale.ErrorCode());
            }

            using Reply restarted = await api.GetAsync(SiemTestApi.Stream, SiemTestApi.Query(("types", "spam"), ("dateRangeStartsAt", SiemTestApi.Iso(clock.GetUtcNow().AddHours(-24)))));
            Assert.Equal(HttpStatusCode.OK, restarted.Status);
        }
    }

    [Fact]
    public async Task Stream_quota_is_300_an_hour_on_its_own_bucket_and_a_429_carries_the_millisecond_reset()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using (Reply first = await api.GetAsync(SiemTestApi.Stream, string.Empty))
            {
                Assert.Equal("300", first.Header("X-RateLimit-Limit"));
                Assert.Equal(299, first.Remaining);
                Assert.Equal(3_600_000, first.ResetMs);
            }

            using (Reply ttp = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(999, ttp.Remaining);
            }
        }

        (sim, clock, api) = await TestApi.StartAsync(o => o.Siem.StreamRateLimit.Limit = 2);
        await using (sim)
        using (api)
        {
            for (int i = 0; i < 2; i++)
            {
                using Reply ok = await api.GetAsync(SiemTestApi.Stream, string.Empty);
                Assert.Equal(HttpStatusCode.OK, ok.Status);
            }

            clock.Advance(TimeSpan.FromMilliseconds(1500));
            using (Reply limited = await api.GetAsync(SiemTestApi.Stream, string.Empty))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
                Assert.Equal(SimulatorSiemErrorCodes.RateLimitExceeded, limited.ErrorCode());
                Assert.Equal(0, limited.Remaining);
                Assert.Equal(3_598_500, limited.ResetMs);
            }

            Assert.Equal(1, sim.RequestsDuringWait);
            clock.Advance(TimeSpan.FromMilliseconds(3_598_500));
            using Reply again = await api.GetAsync(SiemTestApi.Stream, string.Empty);
            Assert.Equal(HttpStatusCode.OK, again.Status);
        }
    }

    [Fact]
    public async Task Siem_endpoints_take_only_a_valid_bearer_token()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using (Reply none = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, SiemTestApi.Stream.TrimStart('/'))))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
            }

            var signed = new HttpRequestMessage(HttpMethod.Get, SiemTestApi.Stream.TrimStart('/'));
            signed.Headers.TryAddWithoutValidation("Authorization", $"MC {Keys.Demo.AccessKey}:c2lnbmF0dXJl");
            using (Reply hmac = await api.SendAsync(signed))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, hmac.Status);
            }

            string token = await api.NewTokenAsync();
            clock.Advance(TimeSpan.FromHours(1));
            using (Reply expired = await api.GetAsync(SiemTestApi.Batch, "type=receipt", token))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
                Assert.Equal(SimulatorErrorCodes.TokenExpired, expired.FailCode);
            }
        }
    }

    [Fact]
    public async Task Stream_type_field_spelling_is_one_option()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.Siem.StreamTypeSpelling = SimulatorSiemTypeSpelling.EventTypeSubType);
        await using (sim)
        using (api)
        {
            using Reply reply = await api.GetAsync(SiemTestApi.Stream, "pageSize=1");
            JsonElement e = reply.Values()[0];
            Assert.True(e.TryGetProperty("eventType", out _));
            Assert.True(e.TryGetProperty("subType", out _));
            Assert.False(e.TryGetProperty("type", out _));
        }
    }

    [Fact]
    public async Task Reset_brings_the_siem_and_audit_stores_back_to_their_seeded_start()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            List<string> seeded = sim.Records<SimulatorSiemEvent>().All().Select(SiemTestApi.Key).ToList();
            int audits = sim.Records<SimulatorAuditEvent>().All().Count;
            sim.AddSiemEvents("av", 3);
            sim.Records<SimulatorAuditEvent>().Add(2);

            sim.Reset();
            Assert.Equal(seeded, sim.Records<SimulatorSiemEvent>().All().Select(SiemTestApi.Key).ToList());
            Assert.Equal(audits, sim.Records<SimulatorAuditEvent>().All().Count);
            using Reply reply = await api.GetAsync(SiemTestApi.Stream, "types=av");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }
    }
}
