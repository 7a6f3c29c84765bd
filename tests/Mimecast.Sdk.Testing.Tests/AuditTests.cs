using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class AuditTests
{
    public static string Body(DateTimeOffset start, DateTimeOffset end, int? pageSize = null, string? pageToken = null, string extra = "") =>
        TestApi.Envelope($"{{\"startDateTime\":\"{Wire(start)}\",\"endDateTime\":\"{Wire(end)}\"{extra}}}", pageSize, pageToken);

    private static string Wire(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<JsonElement>> PageAllAsync(TestApi api, DateTimeOffset start, DateTimeOffset end, int pageSize, string extra = "", Func<Task>? betweenPages = null)
    {
        string token = await api.NewTokenAsync();
        var all = new List<JsonElement>();
        string? next = null;
        for (int page = 0; page < 500; page++)
        {
            using Reply reply = await api.PostBearerAsync(SiemTestApi.Audit, Body(start, end, pageSize, next, extra), token);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Null(reply.FailCode);
            all.AddRange(reply.Json.GetProperty("data").EnumerateArray().Select(e => e.Clone()));
            next = reply.Next;
            if (next is null)
            {
                return all;
            }

            if (betweenPages is not null)
            {
                await betweenPages();
            }
        }

        throw new InvalidOperationException("paging did not end");
    }

    [Fact]
    public async Task Paging_serves_every_event_of_the_range_once_newest_first_with_the_documented_fields()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            DateTimeOffset start = clock.GetUtcNow().AddHours(-30), end = clock.GetUtcNow();
            List<JsonElement> served = await PageAllAsync(api, start, end, 7);

            List<string> expected = sim.Records<SimulatorAuditEvent>().All().Where(e => e.EventTime >= start && e.EventTime <= end).Reverse().Select(e => e.Id).ToList();
            Assert.True(expected.Count > 10);
            Assert.Equal(expected, served.Select(e => e.GetProperty("id").GetString()!).ToList());
            foreach (JsonElement e in served)
            {
                Assert.Equal(["id", "auditType", "user", "eventTime", "eventInfo", "category"], e.EnumerateObject().Select(p => p.Name));
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", e.GetProperty("eventTime").GetString()!);
            }
        }
    }

    [Fact]
    public async Task Events_added_while_paging_are_neither_duplicated_nor_skip_older_ones()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            DateTimeOffset start = clock.GetUtcNow().AddHours(-48), end = clock.GetUtcNow().AddHours(1);
            List<string> before = sim.Records<SimulatorAuditEvent>().All().Select(e => e.Id).ToList();
            List<JsonElement> served = await PageAllAsync(api, start, end, 10, betweenPages: () =>
            {
                sim.Records<SimulatorAuditEvent>().Add(1, clock.GetUtcNow());
                return Task.CompletedTask;
            });

            List<string> ids = served.Select(e => e.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Empty(before.Except(ids));
        }
    }

    [Fact]
    public async Task Start_and_end_are_required_and_filters_apply()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string token = await api.NewTokenAsync();
            using (Reply missing = await api.PostBearerAsync(SiemTestApi.Audit, TestApi.Envelope("{\"endDateTime\":\"2026-11-24T00:00:00+0000\"}"), token))
            {
                Assert.Equal(HttpStatusCode.OK, missing.Status);
                Assert.Equal(SimulatorErrorCodes.ValidationNull, missing.FailCode);
                Assert.Equal("startDateTime", missing.FailError.GetProperty("field").GetString());
            }

            using (Reply bad = await api.PostBearerAsync(SiemTestApi.Audit, TestApi.Envelope("{\"startDateTime\":\"yesterday\",\"endDateTime\":\"2026-11-24T00:00:00+0000\"}"), token))
            {
                Assert.Equal(SimulatorErrorCodes.InvalidDateValue, bad.FailCode);
            }

            DateTimeOffset start = clock.GetUtcNow().AddDays(-3), end = clock.GetUtcNow();
            List<JsonElement> auth = await PageAllAsync(api, start, end, 100, ",\"categories\":[\"authentication_logs\"]");
            Assert.Equal(sim.Records<SimulatorAuditEvent>().All().Count(e => e.Category == "authentication_logs"), auth.Count);
            Assert.All(auth, e => Assert.Equal("authentication_logs", e.GetProperty("category").GetString()));

            SimulatorAuditEvent marked = sim.Records<SimulatorAuditEvent>().Add(new SimulatorAuditEvent { AuditType = "Policy Updated", User = "zed@example.com", EventTime = clock.GetUtcNow(), EventInfo = "needle", Category = "policy_logs" });
            List<JsonElement> found = await PageAllAsync(api, start, end, 100, ",\"query\":\"needle\"");
            Assert.Equal(marked.Id, Assert.Single(found).GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Audit_takes_api_1_signatures_too_and_the_general_bucket()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply signed = await api.PostSignedAsync(SiemTestApi.Audit, Body(clock.GetUtcNow().AddDays(-1), clock.GetUtcNow(), 5));
            Assert.Equal(HttpStatusCode.OK, signed.Status);
            Assert.Equal(5, signed.Json.GetProperty("data").GetArrayLength());
            Assert.Equal(999, signed.Remaining);
        }
    }
}
