using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class SiemBatchTests
{
    [Fact]
    public async Task Listing_to_caught_up_serves_every_received_event_of_the_type_once_in_gzip_ndjson_files()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (List<JsonElement> files, string cursor, int pages) = await api.DrainAsync(SiemTestApi.Batch, c => SiemTestApi.Query(("type", "receipt"), ("pageSize", "4"), ("nextPage", c)));
            Assert.True(pages > 1);
            Assert.Equal(files.Count, files.Select(f => new Uri(f.GetProperty("url").GetString()!).GetLeftPart(UriPartial.Path)).Distinct().Count()); // one path per file

            var lines = new List<JsonElement>();
            foreach (JsonElement f in files)
            {
                DateTimeOffset expiry = DateTimeOffset.Parse(f.GetProperty("expiry").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(clock.GetUtcNow().AddHours(1), expiry);
                (HttpStatusCode status, byte[] body, string? type) = await api.DownloadAsync(f.GetProperty("url").GetString()!);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal("application/gzip", type);
                Assert.Equal(f.GetProperty("size").GetInt64(), body.Length);
                lines.AddRange(SiemTestApi.Gunzip(body).Select(l => JsonDocument.Parse(l).RootElement.Clone()));
            }

            // Every receipt received in an ended 15-minute window (the newest, 10:00-10:15, has not ended at 10:03).
            DateTimeOffset ended = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
            List<string> expected = sim.Records<SimulatorSiemEvent>().All().Where(e => e.Type == "receipt" && e.IngestedAt < ended).Select(SiemTestApi.Key).ToList();
            Assert.Equal(expected, lines.Select(SiemTestApi.Key).ToList());
            Assert.All(lines, l => Assert.True(l.TryGetProperty("_offset", out _)));

            // Caught up: an empty page still carries the cursor, which must be saved.
            using Reply again = await api.GetAsync(SiemTestApi.Batch, SiemTestApi.Query(("type", "receipt"), ("nextPage", cursor)));
            Assert.Empty(again.Values());
            Assert.True(again.CaughtUp());
            Assert.False(string.IsNullOrEmpty(again.NextPage()));
        }
    }

    [Fact]
    public async Task A_saved_cursor_lists_only_files_published_since_and_late_events_land_in_the_window_they_arrive_in()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (_, string cursor, _) = await api.DrainAsync(SiemTestApi.Batch, c => SiemTestApi.Query(("type", "av"), ("nextPage", c)));

            IReadOnlyList<SimulatorSiemEvent> late = sim.AddSiemEvents("av", 3, at: clock.GetUtcNow().AddDays(-2));
            using (Reply open = await api.GetAsync(SiemTestApi.Batch, SiemTestApi.Query(("type", "av"), ("nextPage", cursor))))
            {
                Assert.Empty(open.Values()); // the window they arrived in has not ended
                cursor = open.NextPage();
            }

            clock.Advance(TimeSpan.FromMinutes(15));
            (List<JsonElement> files, _, _) = await api.DrainAsync(SiemTestApi.Batch, c => SiemTestApi.Query(("type", "av"), ("dateRangeStartsAt", SiemTestApi.Day(clock.GetUtcNow())), ("nextPage", c ?? cursor)));
            JsonElement file = Assert.Single(files);
            (_, byte[] body, _) = await api.DownloadAsync(file.GetProperty("url").GetString()!);
            DateTimeOffset window = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
            List<string> expected = sim.Records<SimulatorSiemEvent>().All().Where(e => e.Type == "av" && e.IngestedAt >= window).Select(SiemTestApi.Key).ToList();
            Assert.Equal(late.Select(SiemTestApi.Key), expected.TakeLast(3));
            Assert.Equal(expected, SiemTestApi.Gunzip(body).Select(l => SiemTestApi.Key(JsonDocument.Parse(l).RootElement)));
        }
    }

    [Fact]
    public async Task Download_needs_a_valid_unexpired_signature_and_no_authorization_header()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply listing = await api.GetAsync(SiemTestApi.Batch, "type=delivery&pageSize=1");
            string url = listing.Values()[0].GetProperty("url").GetString()!;

            Assert.Equal(HttpStatusCode.BadRequest, (await api.DownloadAsync(url, "Bearer " + await api.NewTokenAsync())).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.DownloadAsync(url.Replace("signature=", "signature=0", StringComparison.Ordinal))).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.DownloadAsync(url.Replace("/siem-files/", "/siem-files/x", StringComparison.Ordinal))).Status);
            Assert.Equal(HttpStatusCode.OK, (await api.DownloadAsync(url)).Status);

            clock.Advance(TimeSpan.FromHours(1));
            (HttpStatusCode status, byte[] body, _) = await api.DownloadAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains(SimulatorSiemErrorCodes.AccessDenied, System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Batch_listing_quota_is_50_per_15_minutes_and_downloads_take_none()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o => o.Siem.BatchRateLimit.Limit = 2);
        await using (sim)
        using (api)
        {
            string? url = null;
            for (int i = 0; i < 2; i++)
            {
                using Reply ok = await api.GetAsync(SiemTestApi.Batch, "type=spam&pageSize=1");
                Assert.Equal(HttpStatusCode.OK, ok.Status);
                Assert.Equal("2", ok.Header("X-RateLimit-Limit"));
                url = ok.Values()[0].GetProperty("url").GetString();
            }

            Assert.Equal(HttpStatusCode.OK, (await api.DownloadAsync(url!)).Status);
            using (Reply limited = await api.GetAsync(SiemTestApi.Batch, "type=spam"))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
                Assert.Equal(900_000, limited.ResetMs);
            }

            using (Reply stream = await api.GetAsync(SiemTestApi.Stream, string.Empty))
            {
                Assert.Equal(HttpStatusCode.OK, stream.Status); // its own quota
            }

            clock.Advance(TimeSpan.FromMinutes(15));
            using Reply after = await api.GetAsync(SiemTestApi.Batch, "type=spam");
            Assert.Equal(HttpStatusCode.OK, after.Status);
        }

        (sim, _, api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply first = await api.GetAsync(SiemTestApi.Batch, "type=spam");
            Assert.Equal("50", first.Header("X-RateLimit-Limit"));
            Assert.Equal(49, first.Remaining);
        }
    }

    [Fact]
    public async Task Batch_listing_validates_type_days_and_cursor()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using (Reply missing = await api.GetAsync(SiemTestApi.Batch, string.Empty))
            {
                Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
                Assert.Equal(SimulatorSiemErrorCodes.MissingType, missing.ErrorCode());
            }

            using (Reply day = await api.GetAsync(SiemTestApi.Batch, "type=av&dateRangeStartsAt=2026-11-24T10:00:00Z"))
            {
                Assert.Equal(SimulatorSiemErrorCodes.InvalidDateRange, day.ErrorCode());
            }

            using Reply first = await api.GetAsync(SiemTestApi.Batch, "type=av&pageSize=1");
            using Reply other = await api.GetAsync(SiemTestApi.Batch, SiemTestApi.Query(("type", "spam"), ("nextPage", first.NextPage())));
            Assert.Equal(SimulatorSiemErrorCodes.InvalidNextPage, other.ErrorCode());
        }
    }

    [Fact]
    public async Task Bulk_files_are_listed_after_the_published_ones_with_their_size()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (_, string cursor, _) = await api.DrainAsync(SiemTestApi.Batch, c => SiemTestApi.Query(("type", "process"), ("nextPage", c)));
            IReadOnlyList<SimulatorSiemBatchFile> bulk = sim.AddSiemBatchFiles("process", 3, 200_000);

            (List<JsonElement> files, _, _) = await api.DrainAsync(SiemTestApi.Batch, c => SiemTestApi.Query(("type", "process"), ("nextPage", c ?? cursor)));
            Assert.Equal(bulk.Select(b => b.Size), files.Select(f => f.GetProperty("size").GetInt64()));
            foreach (JsonElement f in files)
            {
                (_, byte[] body, _) = await api.DownloadAsync(f.GetProperty("url").GetString()!);
                string[] lines = SiemTestApi.Gunzip(body);
                Assert.InRange(lines.Sum(l => l.Length + 1), 200_000, 210_000);
                Assert.All(lines, l => Assert.Equal("process", JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));
            }
        }
    }
}
