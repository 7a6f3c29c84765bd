using System.Globalization;
using WireMock.RequestBuilders;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace Mimecast.Sdk.Tests.Siem;

public class SiemBatchTests
{
    private static readonly SiemBatchQuery Query = new(SiemEventType.Receipt) { StartDate = new DateOnly(2026, 11, 20), EndDate = new DateOnly(2026, 11, 24) };

    private static SdkHarness Start(Action<MimecastClientOptions>? configure = null)
    {
        var h = SdkHarness.Start(MimecastApiGeneration.Api2, configure, (services, _) => services.AddMetrics());
        h.Server.Token();
        return h;
    }

    private static async Task<List<SiemEvent>> All(IAsyncEnumerable<SiemEvent> source)
    {
        var list = new List<SiemEvent>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static MetricCollector<long> Collect(SdkHarness h, string instrument) =>
        new(h.Services.GetRequiredService<IMeterFactory>(), "Mimecast.Sdk", instrument);

    [Fact]
    public async Task Files_are_listed_downloaded_without_credentials_and_streamed_in_listing_and_line_order()
    {
        await using var h = Start(o =>
        {
            o.Siem.MaxParallelDownloads = 3;
            o.Siem.PreserveListingOrder = true;
        });
        var paths = Enumerable.Range(0, 6).Select(i => $"/store/receipt/file-{i}.json.gz").ToList();
        for (var i = 0; i < paths.Count; i++)
        {
            h.Server.ServeFile(paths[i], SiemStubs.Gzip(SiemStubs.Lines(i * 1000, 1000)));
        }

        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath))
            .RespondWith(Stubs.Json(SiemStubs.BatchListing(paths.Select(p => h.FileUrl(p)).Append(h.FileUrl(paths[0])), "durable-cursor", caughtUp: false)));

        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);
        var events = await All(h.Client.Siem.ReadBatchFilesAsync(page));

        Assert.Equal(6, page.Files.Count); // a file listed twice is read once
        Assert.Equal("durable-cursor", page.NextPage);
        Assert.Equal(Enumerable.Range(0, 6000).Select(i => $"agg-{i}"), events.Select(e => e.AggregateId));
        var listing = h.Server.LogEntries.Single(e => e.RequestMessage?.Path == SiemStubs.BatchPath).RequestMessage!;
        Assert.Equal("receipt", listing.Query!["type"].Single());
        Assert.Equal("2026-11-20", listing.Query["dateRangeStartsAt"].Single());
        Assert.Equal("2026-11-24", listing.Query["dateRangeEndsAt"].Single());
        Assert.StartsWith("Bearer ", listing.Headers!["Authorization"].Single(), StringComparison.Ordinal);
        var downloads = h.Server.LogEntries.Where(e => e.RequestMessage?.Path.StartsWith("/store/", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(6, downloads.Count);
        Assert.All(downloads, d => Assert.False(d.RequestMessage!.Headers!.ContainsKey("Authorization")));
        Assert.All(downloads, d => Assert.False(d.RequestMessage!.Headers!.ContainsKey("x-mc-req-id")));
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Message.Contains("X-Amz-Signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_from_a_saved_cursor_sends_it_and_an_empty_caught_up_page_still_returns_the_cursor_to_save()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath).WithParam("nextPage", "saved")).RespondWith(Stubs.Json(SiemStubs.BatchListing([], "newer", caughtUp: true)));

        var page = await h.Client.Siem.GetBatchPageAsync(Query, "saved");
        var events = await All(h.Client.Siem.ReadBatchFilesAsync(page));

        Assert.Empty(events);
        Assert.True(page.IsCaughtUp);
        Assert.Equal("newer", page.NextPage);
    }

    [Fact]
    public async Task Batch_events_loop_follows_the_cursor_until_caught_up()
    {
        await using var h = Start();
        h.Server.ServeFile("/store/a.gz", SiemStubs.Gzip(SiemStubs.Lines(0, 5)));
        h.Server.ServeFile("/store/b.gz", SiemStubs.Gzip(SiemStubs.Lines(5, 5)));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).AtPriority(10).RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/a.gz")], "c1", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath).WithParam("nextPage", "c1")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/b.gz")], "c2", caughtUp: true)));

        var events = await All(h.Client.Siem.GetBatchEventsAsync(Query));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"agg-{i}"), events.Select(e => e.AggregateId));
        Assert.Equal(2, h.SentTo(SiemStubs.BatchPath).Count);
    }

    [Fact]
    public async Task An_expired_link_is_relisted_from_the_pages_cursor_and_read_from_the_fresh_url()
    {
        await using var h = Start();
        h.Server.Given(SiemStubs.Get("/store/x.gz").WithParam("X-Amz-Signature", "old")).RespondWith(Response.Create().WithStatusCode(403));
        h.Server.Given(SiemStubs.Get("/store/x.gz").WithParam("X-Amz-Signature", "new")).RespondWith(SiemStubs.Gz(SiemStubs.Gzip(SiemStubs.Lines(0, 3))));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath).WithParam("nextPage", "page-cursor")).InScenario("relist").WillSetStateTo("relisted")
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/x.gz", "old")], "after", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath).WithParam("nextPage", "page-cursor")).InScenario("relist").WhenStateIs("relisted")
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/x.gz", "new")], "after", caughtUp: false)));

        var page = await h.Client.Siem.GetBatchPageAsync(Query, "page-cursor");
        var events = await All(h.Client.Siem.ReadBatchFilesAsync(page));

        Assert.Equal(["agg-0", "agg-1", "agg-2"], events.Select(e => e.AggregateId));
        var listings = h.Server.LogEntries.Where(e => e.RequestMessage?.Path == SiemStubs.BatchPath).ToList();
        Assert.Equal(2, listings.Count);
        Assert.All(listings, l => Assert.Equal("page-cursor", l.RequestMessage!.Query!["nextPage"].Single()));
    }

    [Fact]
    public async Task A_link_that_stays_expired_is_skipped_after_bounded_relists_counted_and_logged_never_retried_forever()
    {
        await using var h = Start(o => o.Siem.ExpiredLinkRelists = 2);
        using var skipped = Collect(h, "mimecast.siem.batch.files_skipped");
        h.Server.Given(SiemStubs.Get("/store/gone.gz")).RespondWith(Response.Create().WithStatusCode(404));
        h.Server.ServeFile("/store/ok.gz", SiemStubs.Gzip(SiemStubs.Lines(0, 2)));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath))
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/gone.gz"), h.FileUrl("/store/ok.gz")], "after", caughtUp: false)));

        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);
        var events = await All(h.Client.Siem.ReadBatchFilesAsync(page));

        Assert.Equal(["agg-0", "agg-1"], events.Select(e => e.AggregateId));
        Assert.Equal(3, h.DownloadsOf("/store/gone.gz")); // first URL + one per relist
        Assert.Equal(3, h.SentTo(SiemStubs.BatchPath).Count); // the page + 2 relists
        Assert.Equal(1, skipped.GetMeasurementSnapshot().EvaluateAsCounter());
        var log = Assert.Single(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("SKIPPED", StringComparison.Ordinal));
        Assert.Contains("/store/gone.gz", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_is_a_typed_error_after_every_event_before_it()
    {
        await using var h = Start(o => o.Siem.MaxParallelDownloads = 2);
        var whole = SiemStubs.Gzip(SiemStubs.Lines(100, 500));
        h.Server.ServeFile("/store/good.gz", SiemStubs.Gzip(SiemStubs.Lines(0, 100)));
        h.Server.ServeFile("/store/cut.gz", whole[..(whole.Length / 2)]);
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath))
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/good.gz"), h.FileUrl("/store/cut.gz")], "after", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);
        var events = new List<SiemEvent>();

        var e = await Assert.ThrowsAsync<MimecastBatchFileException>(async () =>
        {
            await foreach (var item in h.Client.Siem.ReadBatchFilesAsync(page))
            {
                events.Add(item);
            }
        });

        Assert.Equal(MimecastBatchFileError.Truncated, e.Error);
        Assert.EndsWith("/store/cut.gz", e.FileName, StringComparison.Ordinal);

        // The good file, read beside the cut one, is delivered whole; the cut one up to where it breaks, in line order.
        var ids = events.Select(x => int.Parse(x.AggregateId!["agg-".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 100), ids.Where(i => i < 100));
        var cut = ids.Where(i => i >= 100).ToList();
        Assert.Equal(Enumerable.Range(100, cut.Count), cut);
    }

    [Fact]
    public async Task A_slow_first_file_does_not_hold_back_the_events_of_the_files_read_beside_it()
    {
        await using var h = Start(o => o.Siem.MaxParallelDownloads = 3);
        h.Server.Given(Request.Create().WithPath("/store/slow.gz").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(SiemStubs.Gzip(SiemStubs.Lines(0, 10))).WithDelay(TimeSpan.FromMinutes(2)));
        h.Server.ServeFile("/store/a.gz", SiemStubs.Gzip(SiemStubs.Lines(100, 100)));
        h.Server.ServeFile("/store/b.gz", SiemStubs.Gzip(SiemStubs.Lines(200, 100)));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing(
            [h.FileUrl("/store/slow.gz"), h.FileUrl("/store/a.gz"), h.FileUrl("/store/b.gz")], "cursor", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ids = new List<string?>();

        await foreach (var item in h.Client.Siem.ReadBatchFilesAsync(page, bound.Token))
        {
            ids.Add(item.AggregateId);
            if (ids.Count == 200)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(100, 200).Select(i => $"agg-{i}"), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Files_are_read_in_parallel_by_default_each_files_lines_in_order_and_every_event_once()
    {
        await using var h = Start();
        var paths = Enumerable.Range(0, 6).Select(i => $"/store/receipt/p-{i}.json.gz").ToList();

        // Every download is held open until a second one has arrived (a rendezvous, bounded so a sequential reader
        // fails instead of hanging): only a reader with two files in flight at once gets past it quickly.
        using var secondArrived = new ManualResetEventSlim();
        int arrived = 0, inFlight = 0, mostInFlight = 0;
        for (var i = 0; i < paths.Count; i++)
        {
            var body = SiemStubs.Gzip(SiemStubs.Lines(i * 2000, 2000));
            h.Server.Given(Request.Create().WithPath(paths[i]).UsingGet()).RespondWith(Response.Create().WithCallback(_ =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, now);
                if (Interlocked.Increment(ref arrived) >= 2)
                {
                    secondArrived.Set();
                }

                secondArrived.Wait(TimeSpan.FromSeconds(10));
                Interlocked.Decrement(ref inFlight);
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    BodyData = new WireMock.Util.BodyData { BodyAsBytes = body, DetectedBodyType = WireMock.Types.BodyType.Bytes },
                };
            }));
        }

        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath))
            .RespondWith(Stubs.Json(SiemStubs.BatchListing(paths.Select(p => h.FileUrl(p)), "cursor", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);

        var ids = (await All(h.Client.Siem.ReadBatchFilesAsync(page)))
            .Select(x => int.Parse(x.AggregateId!["agg-".Length..], CultureInfo.InvariantCulture)).ToList();

        Assert.True(mostInFlight >= 2, $"At most {mostInFlight} download(s) were in flight at once with the default options.");
        Assert.Equal(Enumerable.Range(0, 12_000), ids.Order());
        for (var file = 0; file < paths.Count; file++)
        {
            Assert.Equal(Enumerable.Range(file * 2000, 2000), ids.Where(i => i / 2000 == file));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [Fact]
    public async Task A_truncated_file_ending_on_a_line_boundary_is_still_detected()
    {
        await using var h = Start();
        // Cut inside the gzip trailer: every line decompresses, only the trailer is missing.
        var whole = SiemStubs.Gzip(SiemStubs.Lines(0, 50));
        h.Server.ServeFile("/store/cut.gz", whole[..^4]);
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/cut.gz")], "after", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);

        var e = await Assert.ThrowsAsync<MimecastBatchFileException>(() => All(h.Client.Siem.ReadBatchFilesAsync(page)));

        Assert.Equal(MimecastBatchFileError.Truncated, e.Error);
    }

    [Fact]
    public async Task A_malformed_line_is_a_typed_error_with_file_and_line_number_after_every_event_before_it()
    {
        await using var h = Start();
        var text = SiemStubs.Lines(0, 3) + "\n" + "{\"timestamp\":17325306, \"type\":\"receipt\", broken\n" + SiemStubs.Lines(3, 2);
        h.Server.ServeFile("/store/bad.gz", SiemStubs.Gzip(text));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/bad.gz")], "after", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);
        var events = new List<SiemEvent>();

        var e = await Assert.ThrowsAsync<MimecastBatchFileException>(async () =>
        {
            await foreach (var item in h.Client.Siem.ReadBatchFilesAsync(page))
            {
                events.Add(item);
            }
        });

        Assert.Equal(MimecastBatchFileError.MalformedLine, e.Error);
        Assert.Equal(5, e.LineNumber); // line 4 is blank and skipped
        Assert.EndsWith("/store/bad.gz", e.FileName, StringComparison.Ordinal);
        Assert.Contains("Line 5", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", e.Message, StringComparison.Ordinal);
        Assert.Equal(["agg-0", "agg-1", "agg-2"], events.Select(x => x.AggregateId));
    }

    [Fact]
    public async Task With_skip_and_report_a_malformed_line_is_skipped_counted_and_logged_and_the_rest_delivered()
    {
        await using var h = Start(o => o.Siem.MalformedLines = SiemMalformedLineHandling.SkipAndReport);
        using var skipped = Collect(h, "mimecast.siem.batch.lines_skipped");
        var text = SiemStubs.Lines(0, 2) + "not json at all\n" + "[1,2]\n" + SiemStubs.Lines(2, 2);
        h.Server.ServeFile("/store/bad.gz", SiemStubs.Gzip(text));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/bad.gz")], "after", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);

        var events = await All(h.Client.Siem.ReadBatchFilesAsync(page));

        Assert.Equal(["agg-0", "agg-1", "agg-2", "agg-3"], events.Select(x => x.AggregateId));
        Assert.Equal(2, skipped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, h.Logs.GetSnapshot().Count(r => r.Message.Contains("SKIPPED", StringComparison.Ordinal)));
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Message.Contains("line 3 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recorded_batch_record_replays_with_typed_fields_and_the_rest_kept()
    {
        await using var h = Start();
        h.Server.ServeFile("/store/rec.gz", SiemStubs.Gzip(SiemStubs.Fixture("siem-batch-line.json")));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/rec.gz")], "after", caughtUp: true)));
        var page = await h.Client.Siem.GetBatchPageAsync(new SiemBatchQuery(SiemEventType.UrlProtect), null);

        var record = Assert.Single(await All(h.Client.Siem.ReadBatchFilesAsync(page)));

        Assert.Equal(SiemEventType.UrlProtect, record.Type);
        Assert.Equal("Block", record.Subtype);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732530645642), record.Timestamp);
        Assert.Equal("https://evil.example/login", record.GetString("url"));
        Assert.Equal("{\"score\":97}", record.GetString("analysis"));
        Assert.Equal("81234", record.GetString("_offset"));
        Assert.Equal("url protect", h.Server.LogEntries.First(e => e.RequestMessage?.Path == SiemStubs.BatchPath).RequestMessage!.Query!["type"].Single());
    }

    [Fact]
    public async Task A_storage_error_other_than_expiry_is_a_typed_download_error()
    {
        await using var h = Start(o => o.Siem.ExpiredLinkRelists = 5);
        h.Server.Given(SiemStubs.Get("/store/err.gz")).RespondWith(Response.Create().WithStatusCode(500));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing([h.FileUrl("/store/err.gz")], "after", caughtUp: false)));
        var page = await h.Client.Siem.GetBatchPageAsync(Query, null);

        var e = await Assert.ThrowsAsync<MimecastBatchFileException>(() => All(h.Client.Siem.ReadBatchFilesAsync(page)));

        Assert.Equal(MimecastBatchFileError.DownloadFailed, e.Error);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Single(h.SentTo(SiemStubs.BatchPath));
    }
}
