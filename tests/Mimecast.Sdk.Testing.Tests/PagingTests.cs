using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class PagingTests
{
    private static string UrlKey(JsonElement r) =>
        $"{r.GetProperty("date").GetString()}|{r.GetProperty("messageId").GetString()}|{r.GetProperty("url").GetString()}|{r.GetProperty("subject").GetString()}";

    private static string UrlKey(SimulatorUrlLog r) =>
        $"{r.Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture)}|{r.MessageId}|{r.Url}|{r.Subject}";

    [Theory]
    [InlineData(true, 7)]
    [InlineData(false, 7)]
    [InlineData(true, 100)]
    [InlineData(false, 500)]
    public async Task Paging_yields_every_record_exactly_once(bool oldestFirst, int pageSize)
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Enabled = false);
        await using (sim)
        using (api)
        {
            List<JsonElement> served = await api.PageAllAsync(TestApi.UrlLogs, $"{{\"oldestFirst\":{(oldestFirst ? "true" : "false")}}}", pageSize, "clickLogs");
            string[] keys = served.Select(UrlKey).ToArray();
            Assert.Equal(keys.Length, keys.Distinct().Count());
            Assert.Equal(sim.Records<SimulatorUrlLog>().All().Select(UrlKey).Order(), keys.Order());

            DateTimeOffset[] dates = served.Select(r => DateTimeOffset.Parse(r.GetProperty("date").GetString()!, CultureInfo.InvariantCulture)).ToArray();
            DateTimeOffset[] sorted = oldestFirst ? dates.Order().ToArray() : dates.OrderDescending().ToArray();
            Assert.Equal(sorted, dates);
        }
    }

    [Fact]
    public async Task Generated_records_share_seconds_and_use_the_wire_date_format()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            IReadOnlyList<SimulatorUrlLog> logs = sim.Records<SimulatorUrlLog>().All();
            Assert.Equal(250, logs.Count);
            Assert.True(logs.GroupBy(l => l.Date).Count(g => g.Count() > 1) >= 5, "several records should share a second");
            Assert.All(logs, l => Assert.InRange(l.Date, TestApi.Start.AddHours(-48), TestApi.Start));
            Assert.Equal(120, sim.Records<SimulatorAttachmentLog>().All().Count);
            Assert.Equal(60, sim.Records<SimulatorImpersonationLog>().All().Count);

            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            string date = reply.Data0.GetProperty("clickLogs")[0].GetProperty("date").GetString()!;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", date);
            JsonElement first = reply.Data0.GetProperty("clickLogs")[0];
            foreach (string field in new[] { "userEmailAddress", "fromUserEmailAddress", "url", "ttpDefinition", "subject", "action", "adminOverride", "userOverride", "scanResult", "category", "sendingIp", "userAwarenessAction", "date", "actions", "route", "creationMethod", "emailPartsDescription", "messageId", "tagMap" })
            {
                Assert.True(first.TryGetProperty(field, out _), field);
            }

            JsonElement pagination = reply.Json.GetProperty("meta").GetProperty("pagination");
            Assert.Equal(100, pagination.GetProperty("pageSize").GetInt32());
            Assert.Equal(250, pagination.GetProperty("totalCount").GetInt32());
            Assert.False(string.IsNullOrEmpty(pagination.GetProperty("next").GetString()));
        }
    }

    [Fact]
    public async Task Records_are_deterministic_under_the_seed()
    {
        string[] first, second;
        await using (MimecastSimulator a = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestApi.Start), Seed = 5 }))
        {
            first = a.Records<SimulatorUrlLog>().All().Select(UrlKey).ToArray();
        }

        await using (MimecastSimulator b = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestApi.Start), Seed = 5 }))
        {
            second = b.Records<SimulatorUrlLog>().All().Select(UrlKey).ToArray();
        }

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Equal_timestamps_across_a_page_boundary_are_served_once(bool oldestFirst)
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o => o.InitialUrlLogs = 0);
        await using (sim)
        using (api)
        {
            DateTimeOffset t = TestApi.Start.AddMinutes(-10);
            sim.Records<SimulatorUrlLog>().Add(1, t.AddSeconds(-1));
            IReadOnlyList<SimulatorUrlLog> same = sim.Records<SimulatorUrlLog>().Add(7, t);
            sim.Records<SimulatorUrlLog>().Add(1, t.AddSeconds(1));
            Assert.All(same, l => Assert.Equal(t, l.Date));

            List<JsonElement> served = await api.PageAllAsync(TestApi.UrlLogs, $"{{\"oldestFirst\":{(oldestFirst ? "true" : "false")}}}", 3, "clickLogs");
            Assert.Equal(9, served.Count);
            Assert.Equal(9, served.Select(UrlKey).Distinct().Count());
        }
    }

    [Fact]
    public async Task Records_appended_mid_paging_are_neither_duplicated_nor_skipped()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Enabled = false);
        await using (sim)
        using (api)
        {
            DateTimeOffset latest = sim.Records<SimulatorUrlLog>().All()[^1].Date;
            var appended = new List<SimulatorUrlLog>();
            List<JsonElement> served = await api.PageAllAsync(TestApi.UrlLogs, "{\"oldestFirst\":true}", 20, "clickLogs", betweenPages: page =>
            {
                // Some at the newest existing second (equal timestamps), some at "now".
                appended.AddRange(page % 2 == 0 ? sim.Records<SimulatorUrlLog>().Add(2, latest) : sim.Records<SimulatorUrlLog>().Add(1));
                if (page == 3)
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                }

                return Task.CompletedTask;
            });

            string[] keys = served.Select(UrlKey).ToArray();
            Assert.Equal(keys.Length, keys.Distinct().Count());
            Assert.Equal(sim.Records<SimulatorUrlLog>().All().Select(UrlKey).Order(), keys.Order());
            Assert.Equal(250 + appended.Count, keys.Length);
        }
    }

    [Fact]
    public async Task Token_from_another_query_or_garbage_is_refused()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply first = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"oldestFirst\":true}", 10));
            string next = first.Next!;

            using Reply otherQuery = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"oldestFirst\":false}", 10, next));
            Assert.Equal(HttpStatusCode.OK, otherQuery.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidPageToken, otherQuery.FailCode);
            Assert.True(otherQuery.Json.GetProperty("fail")[0].TryGetProperty("key", out _));

            using Reply otherKind = await api.PostSignedAsync(TestApi.AttachmentLogs, TestApi.Envelope("{\"oldestFirst\":true}", 10, next));
            Assert.Equal(SimulatorErrorCodes.InvalidPageToken, otherKind.FailCode);

            using Reply garbage = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"oldestFirst\":true}", 10, "garbage!!"));
            Assert.Equal(SimulatorErrorCodes.InvalidPageToken, garbage.FailCode);

            // A different page size with the same query is accepted.
            using Reply resized = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"oldestFirst\":true}", 20, next));
            Assert.Null(resized.FailCode);
            Assert.Equal(20, resized.Data0.GetProperty("clickLogs").GetArrayLength());
        }
    }

    [Theory]
    [InlineData(501)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Page_size_outside_the_range_fails(int pageSize)
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{}", pageSize));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(SimulatorErrorCodes.PageSize, reply.FailCode);
            Assert.Equal("pageSize", reply.FailError.GetProperty("field").GetString());
            Assert.Empty(reply.Json.GetProperty("data").EnumerateArray());
        }
    }

    [Fact]
    public async Task Empty_result_has_the_documented_shape()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"from\":\"2030-01-01T00:00:00+0000\"}"));
            Assert.Equal(0, reply.Data0.GetProperty("clickLogs").GetArrayLength());
            JsonElement pagination = reply.Json.GetProperty("meta").GetProperty("pagination");
            Assert.Equal(0, pagination.GetProperty("pageSize").GetInt32());
            Assert.False(pagination.TryGetProperty("next", out _));
        }
    }

    [Fact]
    public async Task From_is_inclusive_and_to_is_inclusive_in_every_offset_spelling()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.InitialUrlLogs = 0);
        await using (sim)
        using (api)
        {
            var t = new DateTimeOffset(2026, 11, 20, 10, 3, 7, TimeSpan.Zero);
            sim.Records<SimulatorUrlLog>().Add(1, t.AddSeconds(-1));
            sim.Records<SimulatorUrlLog>().Add(2, t);
            sim.Records<SimulatorUrlLog>().Add(3, t.AddSeconds(1));
            sim.Records<SimulatorUrlLog>().Add(4, t.AddSeconds(2));
            foreach (string from in new[] { "2026-11-20T10:03:07+0000", "2026-11-20T10:03:07Z", "2026-11-20T10:03:07+00:00", "2026-11-20T11:03:07+0100", "2026-11-20T10:03:07.000Z" })
            {
                using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope($"{{\"from\":\"{from}\",\"to\":\"2026-11-20T10:03:08+0000\"}}"));
                Assert.Null(reply.FailCode);
                Assert.Equal(5, reply.Data0.GetProperty("clickLogs").GetArrayLength());
            }

            using Reply bad = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"from\":\"20/11/2026\"}"));
            Assert.Equal(SimulatorErrorCodes.InvalidDateValue, bad.FailCode);
            using Reply noOffset = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"from\":\"2026-11-20T10:03:07\"}"));
            Assert.Equal(SimulatorErrorCodes.InvalidDateValue, noOffset.FailCode);
        }
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, null)]
    [InlineData(true, "malicious")]
    [InlineData(false, "malicious")]
    public async Task A_date_range_pages_in_order_with_the_matching_total(bool oldestFirst, string? scanResult)
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Enabled = false);
        await using (sim)
        using (api)
        {
            // The store order (time, then arrival) is the reference; a range taken from inside the data, bounds included.
            IReadOnlyList<SimulatorUrlLog> all = sim.Records<SimulatorUrlLog>().All();
            DateTimeOffset from = all[40].Date, to = all[200].Date;
            var expected = all.Where(l => l.Date >= from && l.Date <= to && (scanResult is null || l.ScanResult == scanResult)).Select(UrlKey).ToList();
            if (!oldestFirst)
            {
                expected.Reverse();
            }

            string filter = scanResult is null ? string.Empty : $",\"scanResult\":\"{scanResult}\"";
            string data = $"{{\"from\":\"{from:yyyy-MM-ddTHH:mm:ss}+0000\",\"to\":\"{to:yyyy-MM-ddTHH:mm:ss}+0000\",\"oldestFirst\":{(oldestFirst ? "true" : "false")}{filter}}}";
            List<JsonElement> served = await api.PageAllAsync(TestApi.UrlLogs, data, 6, "clickLogs");
            using Reply first = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(data, 6));

            Assert.True(expected.Count > 12, "the range should span several pages");
            Assert.Equal(expected, served.Select(UrlKey));
            Assert.Equal(expected.Count, first.Json.GetProperty("meta").GetProperty("pagination").GetProperty("totalCount").GetInt32());
        }
    }

    [Fact]
    public async Task Route_scan_result_and_result_filters_apply()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Enabled = false);
        await using (sim)
        using (api)
        {
            List<JsonElement> malicious = await api.PageAllAsync(TestApi.UrlLogs, "{\"scanResult\":\"malicious\"}", 100, "clickLogs");
            Assert.Equal(sim.Records<SimulatorUrlLog>().All().Count(l => l.ScanResult == "malicious"), malicious.Count);
            Assert.NotEmpty(malicious);
            Assert.All(malicious, r => Assert.Equal("malicious", r.GetProperty("scanResult").GetString()));

            List<JsonElement> outbound = await api.PageAllAsync(TestApi.UrlLogs, "{\"route\":\"outbound\"}", 100, "clickLogs");
            Assert.Equal(sim.Records<SimulatorUrlLog>().All().Count(l => l.Route == "outbound"), outbound.Count);

            List<JsonElement> safe = await api.PageAllAsync(TestApi.AttachmentLogs, "{\"result\":\"safe\",\"route\":\"inbound\"}", 100, "attachmentLogs");
            Assert.Equal(sim.Records<SimulatorAttachmentLog>().All().Count(l => l.Result == "safe" && l.Route == "inbound"), safe.Count);

            using Reply bad = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{\"route\":\"sideways\"}"));
            Assert.Equal(SimulatorErrorCodes.InvalidValue, bad.FailCode);
            Assert.Equal("route", bad.FailError.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Impersonation_logs_have_unique_ids_result_count_and_filters()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            List<JsonElement> all = await api.PageAllAsync(TestApi.ImpersonationLogs, "{\"oldestFirst\":true}", 25, "impersonationLogs");
            Assert.Equal(60, all.Count);
            Assert.Equal(60, all.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
            Assert.All(all, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", r.GetProperty("eventTime").GetString()!));

            using Reply page = await api.PostSignedAsync(TestApi.ImpersonationLogs, TestApi.Envelope("{\"taggedMalicious\":true}", 500));
            int expected = sim.Records<SimulatorImpersonationLog>().All().Count(l => l.TaggedMalicious);
            Assert.Equal(expected, page.Data0.GetProperty("resultCount").GetInt32());
            Assert.Equal(expected, page.Data0.GetProperty("impersonationLogs").GetArrayLength());

            SimulatorImpersonationLog added = sim.Records<SimulatorImpersonationLog>().Add(new SimulatorImpersonationLog { EventTime = TestApi.Start, SenderAddress = "ceo@examp1e.com", Subject = "Wire transfer" });
            Assert.StartsWith("MTOKEN:", added.Id, StringComparison.Ordinal);
            using Reply query = await api.PostSignedAsync(TestApi.ImpersonationLogs, TestApi.Envelope("{\"searchField\":\"senderAddress\",\"query\":\"examp1e\"}"));
            Assert.Equal(added.Id, query.Data0.GetProperty("impersonationLogs")[0].GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Explicit_records_keep_their_timestamp_and_get_increasing_sequences()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            SimulatorUrlLog a = sim.Records<SimulatorUrlLog>().Add(new SimulatorUrlLog { Date = TestApi.Start.AddMilliseconds(700), Url = "https://a.example/", Subject = "A", ScanResult = "clean", Route = "inbound" });
            SimulatorAttachmentLog b = sim.Records<SimulatorAttachmentLog>().Add(new SimulatorAttachmentLog { Date = TestApi.Start, FileName = "b.pdf", Result = "safe" });
            Assert.Equal(TestApi.Start, a.Date);
            Assert.True(a.Sequence > 0);
            Assert.Equal(b, sim.Records<SimulatorAttachmentLog>().All()[^1]);
            Assert.Equal(251, sim.GetLogCount(SimulatorLogKind.Url));

            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{}", 1));
            Assert.Equal("https://a.example/", reply.Data0.GetProperty("clickLogs")[0].GetProperty("url").GetString());
        }
    }
}
