using System.Text.Json;
using Mimecast.Sdk.Tests.Infrastructure;
using Mimecast.Sdk.Tests.Siem;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// One page-size rule for every listing: the <c>AsPages</c> hint, else the query's page size, else the client's
/// <c>DefaultPageSize</c>, else the operation's default; clamped to the operation's maximum (100 for SIEM).
/// </summary>
public class PageSizePrecedenceTests
{
    private const string EmptyEnvelope = """{"meta":{"status":200},"data":[],"fail":[]}""";

    public static TheoryData<string, int?, int?, int, int> Cases()
    {
        var data = new TheoryData<string, int?, int?, int, int>();
        foreach (var listing in Listings.Keys)
        {
            data.Add(listing, 7, 5, 3, 7);    // the hint wins (SIEM listings have no hint: the query's size)
            data.Add(listing, null, 5, 3, 5); // then the query
            data.Add(listing, null, null, 3, 3); // then the options
            data.Add(listing, null, 150, 3, 150); // clamped to the operation's maximum
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_listing_applies_hint_then_query_then_options_clamped_to_its_maximum(string listing, int? hint, int? query, int options, int expected)
    {
        var (generation, path, run, max, hasHint) = Listings[listing];
        await using var h = SdkHarness.Start(generation, o => o.DefaultPageSize = options);
        h.Server.Token();
        h.Server.Given(path.StartsWith("/siem", StringComparison.Ordinal) ? SiemStubs.Get(path) : Stubs.Post(path))
            .RespondWith(Stubs.Json(path == SiemStubs.StreamPath ? SiemStubs.StreamPage([], null, true)
                : path == SiemStubs.BatchPath ? SiemStubs.BatchListing([], null, true) : EmptyEnvelope));

        await run(h.Client, hint, query);

        var sent = h.Server.LogEntries.Single(e => e.RequestMessage?.Path == path).RequestMessage!;
        var size = sent.Query is { } q && q.TryGetValue("pageSize", out var values)
            ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture)
            : JsonDocument.Parse(sent.Body!).RootElement.GetProperty("meta").GetProperty("pagination").GetProperty("pageSize").GetInt32();
        var want = hasHint || hint is null ? expected : query ?? options;
        Assert.Equal(Math.Min(want, max), size);
    }

    private static readonly AuditEventQuery Audit = new()
    {
        Start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
    };

    private static readonly Dictionary<string, (MimecastApiGeneration Generation, string Path, Func<IMimecastClient, int?, int?, Task> Run, int Max, bool HasHint)> Listings = new()
    {
        ["ttp-url"] = (MimecastApiGeneration.Api1, Stubs.UrlPath, (c, hint, size) => Drain(c.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { PageSize = size }), hint), 10_000, true),
        ["ttp-attachment"] = (MimecastApiGeneration.Api1, "/api/ttp/attachment/get-logs",
            (c, hint, size) => Drain(c.Ttp.GetAttachmentLogsAsync(new TtpAttachmentLogQuery { PageSize = size }), hint), 10_000, true),
        ["ttp-impersonation"] = (MimecastApiGeneration.Api2, "/api/ttp/impersonation/get-logs",
            (c, hint, size) => Drain(c.Ttp.GetImpersonationLogsAsync(new TtpImpersonationLogQuery { PageSize = size }), hint), 10_000, true),
        ["audit"] = (MimecastApiGeneration.Api1, SiemStubs.AuditPath,
            (c, hint, size) => Drain(c.Audit.GetEventsAsync(new AuditEventQuery { Start = Audit.Start, End = Audit.End, PageSize = size }), hint), 10_000, true),
        ["siem-stream"] = (MimecastApiGeneration.Api2, SiemStubs.StreamPath,
            async (c, _, size) => await c.Siem.GetEventsAsync(new SiemEventQuery { PageSize = size }).ToListAsync(), 100, false),
        ["siem-batch"] = (MimecastApiGeneration.Api2, SiemStubs.BatchPath,
            async (c, _, size) => await c.Siem.GetBatchEventsAsync(new SiemBatchQuery(SiemEventType.Receipt) { PageSize = size }).ToListAsync(), 100, false),
    };

    private static async Task Drain<T>(MimecastPageable<T> pageable, int? hint)
    {
        await foreach (var _ in pageable.AsPages(null, hint))
        {
        }
    }
}
